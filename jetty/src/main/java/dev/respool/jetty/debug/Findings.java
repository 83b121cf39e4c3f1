package dev.respool.jetty.debug;

import dev.respool.Lease;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one {@link RetentionWatch}, and its reports: every violation is counted, and the
 * first of each kind is logged.
 */
final class Findings {

  private final System.Logger log;

  /** Core writes of a pooled array seen. */
  private final LongAdder watched = new LongAdder();

  /** Core writes of a pooled array whose callback Jetty completed. */
  private final LongAdder completed = new LongAdder();

  /** Watched writes that held their array past the release signal of its lease. */
  private final LongAdder violations = new LongAdder();

  /**
   * The kinds of violation logged already. A kind is a small combination (when it was seen, the
   * protocol, how the write ended, what became of the lease), so the set stays small.
   */
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  Findings(System.Logger log) {
    this.log = log;
  }

  long writesWatched() {
    return watched.sum();
  }

  long writesPending() {
    // Completions are read first: read the other way round, a write that started and completed
    // between the two reads would count as completed but not as watched.
    long done = completed.sum();
    return watched.sum() - done;
  }

  long violations() {
    return violations.sum();
  }

  /** A watched write is about to be handed to Jetty. */
  void started(PooledWrite write) {
    watched.increment();
    if (write.lease.state() == Lease.State.RETURNED) {
      report(write, Moment.STARTED, "", Fate.RETURNED, "had already been returned to the pool");
    }
  }

  /** Jetty completed a watched write, which ended as {@code outcome}. */
  void completed(PooledWrite write, String outcome) {
    // The state first: a lease handed out again is held with a new generation, and the pool
    // raises the generation before it makes the lease held, so this order cannot miss the change.
    Lease.State state = write.lease.state();
    int generation = write.lease.generation();
    try {
      if (generation != write.generation) {
        report(
            write,
            Moment.COMPLETED,
            outcome,
            Fate.HANDED_OUT_AGAIN,
            "had been returned and handed out again by the pool (generation "
                + write.generation
                + " when written, "
                + generation
                + " now, "
                + name(state)
                + ")");
      } else if (state == Lease.State.RETURNED) {
        report(write, Moment.COMPLETED, outcome, Fate.RETURNED, "had been returned to the pool");
      }
    } finally {
      completed.increment();
    }
  }

  private void report(
      PooledWrite write, Moment moment, String outcome, Fate fate, String description) {
    if (!write.claimReport()) {
      return;
    }
    violations.increment();
    String kind = moment + "|" + write.protocol + "|" + outcome + "|" + fate;
    if (logged.add(kind) && log.isLoggable(Level.WARNING)) {
      log.log(Level.WARNING, message(write, moment, outcome, description), write.site);
    }
  }

  private static String message(PooledWrite write, Moment moment, String outcome, String fate) {
    byte[] array = write.lease.array();
    String what = write.length
        + " bytes at offset "
        + write.offset
        + " of byte["
        + array.length
        + "]@"
        + Integer.toHexString(System.identityHashCode(array))
        + (write.last ? ", the last write of the body" : "");
    String event = moment == Moment.STARTED
        ? "Jetty started a core write (" + what + ") whose lease " + fate + "."
        : "Jetty completed a core write (" + what + ") after the release signal of its lease: the"
            + " write " + outcome + ", and by then its lease " + fate + ".";
    return "respool retention watch: "
        + event
        + " Request: "
        + write.request
        + " over "
        + write.protocol
        + ". The pool overwrote the array with its poison pattern when the lease was released, so"
        + " the bytes sent may be that pattern or, if the array was handed out again, another"
        + " response's body. Either the container read the array after the Servlet layer had"
        + " signalled that it was done with it, which is a container bug that no respool mode"
        + " protects against (each returns a lease on its release signal): report it to the"
        + " container's maintainers with this message; or code that wrote the array below the"
        + " Servlet layer released its lease before the release signal: fix that code. Later"
        + " violations of this kind over "
        + write.protocol
        + " are counted, not logged. The stack of the write follows.";
  }

  private static String name(Lease.State state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  /** When a violation was seen. */
  private enum Moment {
    /** When the write was handed to Jetty. */
    STARTED,
    /** When Jetty completed it. */
    COMPLETED
  }

  /** What became of the lease of a write that held its array too long. */
  private enum Fate {
    /** Back in the pool, and poisoned. */
    RETURNED,
    /** Back in the pool, poisoned, and handed out again. */
    HANDED_OUT_AGAIN
  }
}
