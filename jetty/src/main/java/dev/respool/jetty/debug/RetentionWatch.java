package dev.respool.jetty.debug;

import dev.respool.BufferPool;
import dev.respool.Respool;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;

/**
 * For debug runs on Jetty 12.1: watches Jetty's core response writes and reports a write that
 * still holds a pooled array after its lease's release signal.
 *
 * <p>The Servlet layer tells respool when the container is done with an array: a blocking {@code
 * write} that returned, or in non-blocking mode the next {@code isReady()} that returns true or
 * a call of {@code onWritePossible}. respool then returns the lease to the pool. If the
 * container still reads the array after that, it sends whatever the array holds by then. In
 * {@code detect} mode the pool overwrites every released array with a poison pattern
 * and can name the lease of any array it made, and this handler uses both.
 *
 * <p>It wraps each response below it. For every core {@link Response#write} whose content is backed
 * by an accessible array that the pool made, it notes the lease and its generation when the write
 * starts, and looks at them again when Jetty completes the write's callback, before passing the
 * completion on. If by then the lease went back to the pool, or the pool handed it out again, the
 * release signal came while Jetty still held the array: the bytes sent may be the poison pattern,
 * or another response's body. That happens when the Servlet layer signals too early (for example
 * {@code isReady()} true while a core write of the array is pending),
 * or when code that writes arrays itself releases a lease before its release signal. Such a write
 * is counted in {@link #violations()}, and the first of each kind (when it was seen, protocol, how
 * the write ended, what became of the lease) is logged at WARNING on the {@value #LOGGER} logger,
 * with the request, the array and the stack of the write. A core write that starts when its lease
 * is already returned, as when Jetty writes the rest of a large array after the {@code write} call
 * returned, is reported the same way.
 *
 * <p>An abandoned lease is not reported: the pool never reuses or poisons its array, so a write
 * that completes after the abandon harms nothing. That is how respool treats failed writes and
 * aborts.
 *
 * <p>The pool comes from a supplier that is asked at each request until it returns a pool; that
 * pool is then kept for good. A pool that does not poison (any mode but {@code detect}) makes the
 * handler pass every request through untouched, as it does while the supplier returns null. {@link
 * #around(ContextHandler)} finds the pool of the respool filter of a Servlet context, which stores
 * its runtime under the context attribute {@link Respool#ATTRIBUTE} when it starts.
 *
 * <p>What it cannot see:
 *
 * <ul>
 *   <li>small writes that Jetty copies into its own aggregation buffer (8 KiB by default): their
 *       bytes leave the caller's array during the {@code write} call or later, when Jetty fills or
 *       flushes that buffer, never through a core write of the leased array;
 *   <li>anything below the core {@code write}: it sees only when the callback of the buffer it was
 *       given completes. An HTTP/2 frame that Jetty slices from that buffer, a copy into a TLS or
 *       compression buffer, or any reader that keeps the array after completing that callback,
 *       looks done when the callback completes;
 *   <li>buffers without an accessible array (direct or read-only buffers), and arrays the watched
 *       pool did not make, such as an application's own arrays in blocking mode (in non-blocking
 *       mode the filter copies them into leases, and those are watched);
 *   <li>responses written by handlers above it, and everything outside Jetty: it sees nothing in
 *       other containers.
 * </ul>
 *
 * <p>Watching costs a lookup in the pool's weak map for each write of an array, and a stack trace
 * for each write of a pooled array: use it in debug runs only.
 */
public final class RetentionWatch extends Handler.Wrapper {

  /** The name of the logger that reports retained arrays. */
  public static final String LOGGER = "dev.respool.jetty";

  private static final System.Logger LOG = System.getLogger(LOGGER);

  /** Asked for the pool until it returns one. */
  private final Supplier<BufferPool> source;

  /** The counters and the log of this handler's findings. */
  private final Findings findings = new Findings(LOG);

  /** Null until the source returned a pool; then what that pool lets this handler watch. */
  private volatile Resolved resolved;

  /**
   * Creates a handler that watches the pool {@code source} returns; set the handler to watch with
   * {@link #setHandler}.
   *
   * @param source asked at each request until it returns a pool other than null
   */
  public RetentionWatch(Supplier<BufferPool> source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * Creates a handler that watches the pool {@code source} returns in the responses of {@code
   * handler}.
   *
   * @param handler the handler whose responses are watched; put it directly inside this one
   * @param source asked at each request until it returns a pool other than null
   */
  public RetentionWatch(Handler handler, Supplier<BufferPool> source) {
    this(source);
    setHandler(handler);
  }

  /**
   * Creates a handler around {@code context} that watches the pool of the respool filter in it,
   * found under the context attribute {@link Respool#ATTRIBUTE}. Set the returned handler where
   * {@code context} was: {@code server.setHandler(RetentionWatch.around(context))}.
   *
   * @param context the context, for example an ee10 {@code ServletContextHandler}, in which a
   *     respool filter runs in {@code detect} mode
   */
  public static RetentionWatch around(ContextHandler context) {
    return new RetentionWatch(context, () -> poolOf(context));
  }

  /** The pool of the respool runtime that {@code context} holds, or null if it holds none. */
  static BufferPool poolOf(ContextHandler context) {
    return context.getContext().getAttribute(Respool.ATTRIBUTE) instanceof Respool respool
        ? respool.pool()
        : null;
  }

  /** The number of core writes of a pooled array seen so far. */
  public long writesWatched() {
    return findings.writesWatched();
  }

  /** The number of watched writes whose callback Jetty has not completed yet. */
  public long writesPending() {
    return findings.writesPending();
  }

  /** The number of watched writes that held a pooled array past its lease's release signal. */
  public long violations() {
    return findings.violations();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    BufferPool pool = watchedPool();
    if (pool == null) {
      // No poisoning pool, so nothing can be told apart: cost nothing.
      return super.handle(request, response, callback);
    }
    return super.handle(request, new WatchedResponse(request, response, pool, findings), callback);
  }

  /** The pool to watch, or null when there is none (yet). */
  private BufferPool watchedPool() {
    Resolved current = resolved;
    if (current == null) {
      BufferPool found = source.get();
      if (found == null) {
        return null;
      }
      current = resolve(found);
    }
    return current.pool();
  }

  private synchronized Resolved resolve(BufferPool found) {
    if (resolved == null) {
      resolved = new Resolved(found.poisons() ? found : null);
      if (found.poisons()) {
        LOG.log(
            Level.INFO, "respool retention watch: watching Jetty's core writes of pooled arrays");
      } else {
        LOG.log(
            Level.INFO,
            "respool retention watch: the pool does not poison released arrays (the filter is not"
                + " in mode detect), so nothing is watched");
      }
    }
    return resolved;
  }

  /** What the first pool found lets this handler watch. */
  private record Resolved(BufferPool pool) {}
}
