package dev.respool;

import dev.respool.internal.AsyncCopy;
import dev.respool.internal.Guard;
import dev.respool.internal.GuardedResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletionStage;

/**
 * The runtime of one {@link RespoolFilter}: its mode, its pool and its counters, and the entry
 * points applications use to copy a body into a response.
 *
 * <p>The filter stores its runtime under {@link #ATTRIBUTE} in each request it handles, and in its
 * servlet context unless another respool filter did first. {@link #of(ServletRequest)} looks in
 * the request, then in its context, and falls back to a shared runtime in {@code copy} mode.
 */
public final class Respool {

  /** The request attribute under which the filter stores its runtime. */
  public static final String ATTRIBUTE = Respool.class.getName();

  private static final class Shared {
    static final Respool INSTANCE = new Respool(Mode.COPY, new BufferPool());
  }

  private final Mode mode;
  private final BufferPool pool;
  private final DetectAction action;
  private final Copier copier;
  private final Guard guard;

  /**
   * Creates a runtime whose detections, in {@code detect} mode, are logged.
   *
   * @param mode how guarded responses treat caller-owned arrays
   * @param pool where leases come from; in {@code detect} mode it should poison released arrays
   */
  public Respool(Mode mode, BufferPool pool) {
    this(mode, pool, DetectAction.LOG);
  }

  /**
   * Creates a runtime.
   *
   * @param mode how guarded responses treat caller-owned arrays
   * @param pool where leases come from; in {@code detect} mode it should poison released arrays
   * @param action what {@code detect} mode does with a violation besides counting it
   */
  public Respool(Mode mode, BufferPool pool, DetectAction action) {
    this.mode = mode;
    this.pool = pool;
    this.action = action;
    this.copier = new Copier(pool);
    this.guard = new Guard(mode, pool, action);
  }

  /**
   * The runtime of the filter that handled {@code request}, else of the first filter of its
   * context, else a shared one in {@code copy} mode.
   */
  public static Respool of(ServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof Respool respool) {
      return respool;
    }
    if (request.getServletContext().getAttribute(ATTRIBUTE) instanceof Respool respool) {
      return respool;
    }
    return Shared.INSTANCE;
  }

  /** The mode. */
  public Mode mode() {
    return mode;
  }

  /** What {@code detect} mode does with a violation besides counting it. */
  public DetectAction detectAction() {
    return action;
  }

  /** The pool. */
  public BufferPool pool() {
    return pool;
  }

  /** A copier that takes its leases from this runtime's pool. */
  public Copier copier() {
    return copier;
  }

  /** A snapshot of the counters. */
  public RespoolStats stats() {
    PoolStats p = pool.stats();
    return new RespoolStats(
        mode.id(),
        p.leasesOut(),
        p.acquires(),
        p.hits(),
        p.misses(),
        p.returned(),
        p.dropped(),
        p.abandoned(),
        p.pooledBytes(),
        p.maxPooledBytes(),
        guard.defensiveCopies(),
        guard.detector().detections(),
        guard.detector().leaks());
  }

  /**
   * Copies {@code in} into the response body with blocking writes through a pooled array, and
   * closes {@code in}. Each write that returns normally is the release signal for the array, so
   * one lease serves the whole copy.
   *
   * <p>When the copy fails before the response is committed, the response is reset before the
   * failure is thrown: the bytes already written are still in its buffer, and the headers describe
   * the body that failed, so the container's error response for the failure would otherwise carry
   * them (Tomcat 11 sends them with status 500).
   *
   * @param in the body
   * @param request the request, which locates the filter's runtime
   * @param response the response to write to
   * @param length how many bytes {@code in} holds, or -1 if unknown; used only to size the lease
   * @return the number of bytes copied
   * @throws IOException if reading {@code in} or writing the response fails; when the write failed
   *     the lease is abandoned, since the container may still hold its array
   */
  public static long copy(
      InputStream in, HttpServletRequest request, HttpServletResponse response, long length)
      throws IOException {
    try (in) {
      return of(request).copier.copy(in, response.getOutputStream(), length);
    } catch (IOException | RuntimeException e) {
      resetUncommitted(response);
      throw e;
    }
  }

  /**
   * Copies {@code in} into the response body with non-blocking writes, and closes {@code in}.
   *
   * <p>Starts asynchronous processing unless it is already started (with no timeout: the
   * connection's idle timeout ends a client that stops reading), sets a {@code WriteListener}
   * on the response's output stream, writes only while {@code isReady()} returns true, and
   * completes the {@code AsyncContext} when the body is sent or the copy failed. A lease goes back
   * to the pool only on a release signal; after a failed write, {@code onError}, a timeout or an
   * abort it is abandoned.
   *
   * @param in the body; it is read on the container's threads
   * @param request the request; it must support asynchronous processing
   * @param response the response to write to
   * @param length how many bytes {@code in} holds, or -1 if unknown; used only to size the lease
   * @return a stage completed with the number of bytes copied, or exceptionally when the copy
   *     failed or the client went away
   * @throws IllegalStateException if the request does not support asynchronous processing (the
   *     servlet or a filter before it is not async-supported); {@code in} is closed then
   */
  public static CompletionStage<Long> copyAsync(
      InputStream in, HttpServletRequest request, HttpServletResponse response, long length) {
    if (!request.isAsyncStarted() && !request.isAsyncSupported()) {
      closeQuietly(in);
      throw new IllegalStateException(
          "Respool.copyAsync needs asynchronous processing, which this request does not support:"
              + " mark the servlet and every filter before it async-supported"
              + " (<async-supported>true</async-supported> in web.xml, or asyncSupported = true"
              + " on @WebServlet and @WebFilter), or use the blocking Respool.copy");
    }
    ServletOutputStream out;
    AsyncContext context;
    try {
      out = response.getOutputStream();
      if (request.isAsyncStarted()) {
        context = request.getAsyncContext();
      } else {
        context = request.startAsync();
        // A large body to a slow client may take longer than any fixed deadline; a client that
        // stops reading is ended by the connection's idle timeout instead.
        context.setTimeout(0);
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(in);
      throw e instanceof RuntimeException r
          ? r
          : new IllegalStateException("The response has no output stream to copy into", e);
    }
    AsyncCopy copy = new AsyncCopy(in, context, response, out, of(request).pool, length);
    context.addListener(copy);
    try {
      out.setWriteListener(copy);
    } catch (RuntimeException e) {
      // For example a listener set already: the copy never starts.
      closeQuietly(in);
      throw e;
    }
    return copy.result();
  }

  /**
   * Leases an array for writing the body of {@code response}, from the pool of the filter that
   * handled {@code request}. Release it once the container is done with the array: after a
   * blocking {@code write} returned, or after {@code isReady()} returned true or {@code
   * onWritePossible()} ran; abandon it when a write failed. In {@code detect} mode a lease still
   * held or lent when the request completes is reported as a leak, with the stack of this call.
   *
   * @param minCapacity the fewest bytes needed
   */
  public static Lease lease(
      HttpServletRequest request, HttpServletResponse response, int minCapacity) {
    GuardedResponse guarded = GuardedResponse.find(response);
    if (guarded != null) {
      return guarded.acquire(minCapacity);
    }
    return of(request).pool.acquire(minCapacity);
  }

  /** Drops the buffered body and the headers of a response that is not committed yet. */
  private static void resetUncommitted(HttpServletResponse response) {
    try {
      if (!response.isCommitted()) {
        response.reset();
      }
    } catch (IllegalStateException committedMeanwhile) {
      // The container committed it after all; the failure still ends the response short.
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // The copy never started; there is nothing more to tell the caller.
    }
  }

  /** The state shared by this runtime's guarded responses. */
  Guard guard() {
    return guard;
  }
}
