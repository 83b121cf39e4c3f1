package dev.respool.internal;

import dev.respool.BufferPool;
import dev.respool.DetectAction;
import dev.respool.Lease;
import dev.respool.Mode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the guarded responses of one filter share: its mode, pool, detector and counters. */
public final class Guard {

  /** How caller-owned arrays are treated. */
  final Mode mode;

  /** Where leases come from. */
  final BufferPool pool;

  /** Checks caller arrays in {@code detect} mode; does nothing otherwise. */
  private final Detector detector;

  /** Caller arrays copied into a lease. */
  private final LongAdder defensiveCopies = new LongAdder();

  /** Streams in non-blocking mode whose request has not ended; they may hold lent leases. */
  private final Set<GuardedOutputStream> open = ConcurrentHashMap.newKeySet();

  /** Creates the shared state of one filter. */
  public Guard(Mode mode, BufferPool pool, DetectAction action) {
    this.mode = mode;
    this.pool = pool;
    this.detector = new Detector(mode == Mode.DETECT, action);
  }

  /** The detector. */
  public Detector detector() {
    return detector;
  }

  /** The number of caller arrays copied into a lease so far. */
  public long defensiveCopies() {
    return defensiveCopies.sum();
  }

  /**
   * Ends every request still open, abandoning its lent leases. For a container that stops: it may
   * never report the end of the requests it was serving.
   */
  public void abandonOpenRequests() {
    for (GuardedOutputStream stream : open) {
      stream.finish();
    }
  }

  void opened(GuardedOutputStream stream) {
    open.add(stream);
  }

  void closed(GuardedOutputStream stream) {
    open.remove(stream);
  }

  /** Leases an array, and records it in {@code ledger} unless that is null. */
  Lease acquire(int minCapacity, LeaseLedger ledger) {
    Lease lease = pool.acquire(minCapacity);
    if (ledger != null) {
      ledger.record(lease);
    }
    return lease;
  }

  /** Whether caller arrays written in non-blocking mode are copied into a lease. */
  boolean copiesCallerArrays() {
    return mode == Mode.COPY || mode == Mode.DETECT;
  }

  void countDefensiveCopy() {
    defensiveCopies.increment();
  }
}
