package dev.respool.internal;

import dev.respool.DetectAction;
import dev.respool.Lease;
import dev.respool.RespoolViolationException;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Catches caller arrays that change between their {@code write} and its release signal, in {@code
 * detect} mode.
 *
 * <p>When a guarded stream copies a caller array into a lease, it asks for a {@link Site}: the
 * array, the region written and the stack of the write. At the release signal it compares the
 * caller's region with the lease's copy; any difference means the caller refilled its array while
 * the container could still read it, which would have corrupted the response without the copy.
 * Each distinct write site is logged once at WARNING; every violation is counted.
 */
public final class Detector {

  private static final System.Logger LOG = System.getLogger("dev.respool.detect");

  /** Whether detection is on; when off, {@link #capture} returns null and costs nothing more. */
  private final boolean enabled;

  /** Whether a violation is also thrown at the caller that received the release signal. */
  private final DetectAction action;

  /** Violations found. */
  private final LongAdder detections = new LongAdder();

  /** Leases still held or lent when their request completed. */
  private final LongAdder leaks = new LongAdder();

  /** Write sites already logged, so that a hot bug cannot flood the log. */
  private final Set<String> loggedSites = ConcurrentHashMap.newKeySet();

  Detector(boolean enabled, DetectAction action) {
    this.enabled = enabled;
    this.action = action;
  }

  /** The number of violations found so far. */
  public long detections() {
    return detections.sum();
  }

  /** The number of leaked leases found so far. */
  public long leaks() {
    return leaks.sum();
  }

  /** A ledger for the leases of one request, or null when detection is off. */
  LeaseLedger newLedger() {
    return enabled ? new LeaseLedger(this) : null;
  }

  /** Reports a lease its request left held or lent; once per acquiring site in the log. */
  void leaked(Lease lease, Lease.State state, String request, AcquireSite site) {
    leaks.increment();
    site.startAtCaller();
    if (loggedSites.add("leak|" + topFrame(site)) && LOG.isLoggable(Level.WARNING)) {
      LOG.log(
          Level.WARNING,
          "respool detect: a lease of byte["
              + lease.capacity()
              + "] acquired for "
              + request
              + " was still "
              + state.name().toLowerCase(java.util.Locale.ROOT)
              + " when the request completed, so it never goes back to the pool. Release it once"
              + " the container is done with it (after a blocking write returns, or after"
              + " isReady() returns true or onWritePossible() runs), or abandon it when a write"
              + " failed. Later leaks from this site are counted, not logged. The stack that"
              + " acquired it follows.",
          site);
    }
  }

  /** Records a write of a caller array, or returns null when detection is off. */
  Site capture(byte[] array, int offset, int length, String request) {
    if (!enabled) {
      return null;
    }
    return new Site(array, offset, length, request, new WriteSite());
  }

  /**
   * Compares the caller's region with the copy that was sent, and reports a difference.
   *
   * @return null if the caller's array is unchanged or the action is {@code log}; else the
   *     exception to throw at the caller that received the release signal
   */
  RespoolViolationException verify(Site site, byte[] copy) {
    int first =
        Arrays.mismatch(site.array, site.offset, site.offset + site.length, copy, 0, site.length);
    if (first < 0) {
      return null;
    }
    int changed = 0;
    for (int i = first; i < site.length; i++) {
      if (site.array[site.offset + i] != copy[i]) {
        changed++;
      }
    }
    detections.increment();
    String writer = writerOf(site.stack);
    String report = report(site, writer, first, changed);
    site.stack.startAtWriter();
    if (loggedSites.add(writer + '|' + topFrame(site.stack)) && LOG.isLoggable(Level.WARNING)) {
      LOG.log(Level.WARNING, report, site.stack);
    }
    return action == DetectAction.THROW ? new RespoolViolationException(report, site.stack) : null;
  }

  private String report(Site site, String writer, int first, int changed) {
    return "respool detect: "
        + writer
        + " changed "
        + changed
        + " of the "
        + site.length
        + " bytes it wrote from byte["
        + site.array.length
        + "]@"
        + Integer.toHexString(System.identityHashCode(site.array))
        + " (first at offset "
        + (site.offset + first)
        + ") before the container was done with them, in "
        + site.request
        + ". respool sent its copy of the bytes; with"
        + " mode pool or off the changed bytes could have been sent instead."
        + (action == DetectAction.THROW
            ? " detect-action is throw, so a RespoolViolationException now ends this response"
                + " early."
            : " This response is intact.")
        + " Fix the writer: refill the array only after isReady() returns true or"
        + " onWritePossible() runs. Keep mode copy (the default) in production to stay"
        + " protected. Later violations from this write site are counted, not logged. The"
        + " stack of the write follows.";
  }

  /** The class of the writer's frame; see {@link #writerIndex}. */
  private static String writerOf(Throwable stack) {
    StackTraceElement[] frames = stack.getStackTrace();
    int writer = writerIndex(frames);
    return writer < frames.length ? frames[writer].getClassName() : "an unknown writer";
  }

  /** The writer's frame, by which reports of one write site are told apart; "" if none. */
  private static String topFrame(Throwable stack) {
    StackTraceElement[] frames = stack.getStackTrace();
    int writer = writerIndex(frames);
    return writer < frames.length ? frames[writer].toString() : "";
  }

  /**
   * The index of the first frame that belongs to the writer: past respool's own frames, and past
   * the stream layers between the writer and the guarded stream, such as the wrapper Spring MVC
   * puts around every controller's stream. A stream layer is a frame of the Servlet API or {@code
   * java.io}, or any frame of a {@code write}, {@code print} or {@code println} method, so that
   * the report names the code that wrote, not the stream it wrote through.
   */
  private static int writerIndex(StackTraceElement[] frames) {
    int i = 0;
    while (i < frames.length && isGuard(frames[i].getClassName())) {
      i++;
    }
    while (i < frames.length - 1 && isStreamLayer(frames[i])) {
      i++;
    }
    return i;
  }

  private static boolean isStreamLayer(StackTraceElement frame) {
    String type = frame.getClassName();
    String method = frame.getMethodName();
    return type.startsWith("jakarta.servlet.")
        || type.startsWith("java.io.")
        || method.equals("write")
        || method.equals("print")
        || method.equals("println");
  }

  /** Whether a frame is one of respool's steps of taking a lease, not the caller that asked. */
  private static boolean isBookkeeping(StackTraceElement frame) {
    String type = frame.getClassName();
    String method = frame.getMethodName();
    return (type.equals("dev.respool.Respool") || type.startsWith("dev.respool.internal."))
        && (method.equals("acquire")
            || method.equals("record")
            || method.equals("lease")
            || method.equals("<init>"));
  }

  /** Whether a frame belongs to the guard itself rather than to whoever called it. */
  private static boolean isGuard(String type) {
    return isClassOrNested(type, Detector.class)
        || isClassOrNested(type, GuardedOutputStream.class);
  }

  private static boolean isClassOrNested(String type, Class<?> owner) {
    String name = owner.getName();
    return type.equals(name) || type.startsWith(name + '$');
  }

  /** The stack of a write of a caller array, shown in a report. */
  static final class WriteSite extends Throwable {
    private static final long serialVersionUID = 1L;

    WriteSite() {
      super("the write whose array changed before its release signal");
    }

    /**
     * Drops respool's own frames and the stream layers above them, so that the stack starts with
     * the writer's call.
     */
    void startAtWriter() {
      StackTraceElement[] frames = getStackTrace();
      int first = Math.min(writerIndex(frames), frames.length - 1);
      setStackTrace(Arrays.copyOfRange(frames, Math.max(first, 0), frames.length));
    }
  }

  /** The stack of an acquire, shown in a leak report. */
  static final class AcquireSite extends Throwable {
    private static final long serialVersionUID = 1L;

    AcquireSite() {
      super("the acquire of a lease that was never returned");
    }

    /** Drops respool's own frames, so that the stack starts with the caller's call. */
    void startAtCaller() {
      StackTraceElement[] frames = getStackTrace();
      int first = 0;
      while (first < frames.length - 1 && isBookkeeping(frames[first])) {
        first++;
      }
      setStackTrace(Arrays.copyOfRange(frames, first, frames.length));
    }
  }

  /** One write of a caller array, remembered until its release signal. */
  static final class Site {
    final byte[] array;
    final int offset;
    final int length;
    final String request;
    final WriteSite stack;

    Site(byte[] array, int offset, int length, String request, WriteSite stack) {
      this.array = array;
      this.offset = offset;
      this.length = length;
      this.request = request;
      this.stack = stack;
    }
  }
}
