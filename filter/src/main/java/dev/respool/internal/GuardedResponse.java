package dev.respool.internal;

import dev.respool.Lease;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The response wrapper the filter installs. Every method is the container's own except {@link
 * #getOutputStream()}, which returns a {@link GuardedOutputStream} over the container's stream.
 *
 * <p>{@link #getWriter()} is the container's writer, unwrapped: it encodes characters into the
 * container's own buffers during each call, so no caller array outlives the call, and encoding,
 * buffering and the rule against mixing writer and stream stay exactly the container's.
 *
 * <p>The wrapper learns the end of the request from the filter when the request is synchronous,
 * and as an {@link AsyncListener} of every asynchronous cycle started through the guarded request.
 */
public final class GuardedResponse extends HttpServletResponseWrapper implements AsyncListener {

  private final Guard guard;

  /** The stream handed out last; replaced if the container hands out a different one. */
  private volatile GuardedOutputStream stream;

  /** True once this wrapper listens to an asynchronous cycle, which then reports the end. */
  private volatile boolean listening;

  /** The leases of this request in detect mode, checked when it completes; else null. */
  private final LeaseLedger ledger;

  /** The request, named in leak reports. */
  private final String request;

  public GuardedResponse(HttpServletResponse response, Guard guard) {
    this(response, guard, "a request");
  }

  /**
   * Wraps a response.
   *
   * @param request how leak reports name the request, for example its method and URI
   */
  public GuardedResponse(HttpServletResponse response, Guard guard, String request) {
    super(response);
    this.guard = guard;
    this.ledger = guard.detector().newLedger();
    this.request = request;
  }

  /**
   * The guarded response in a chain of wrappers ending at {@code response}, or null.
   *
   * @param response the outermost response
   */
  public static GuardedResponse find(ServletResponse response) {
    ServletResponse current = response;
    while (true) {
      if (current instanceof GuardedResponse guarded) {
        return guarded;
      }
      if (!(current instanceof ServletResponseWrapper wrapper)) {
        return null;
      }
      current = wrapper.getResponse();
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    // The container checks first whether the writer is in use, and throws as it would unwrapped.
    ServletOutputStream container = super.getOutputStream();
    GuardedOutputStream current = stream;
    if (current == null || current.delegate() != container) {
      current = new GuardedOutputStream(container, guard, ledger, request);
      stream = current;
    }
    return current;
  }

  /** The guarded stream handed out last, or null before the first {@link #getOutputStream()}. */
  GuardedOutputStream currentStream() {
    return stream;
  }

  /**
   * Leases an array for this response, recorded for the leak check in detect mode. Works before
   * and without {@link #getOutputStream()}.
   */
  public Lease acquire(int minCapacity) {
    return guard.acquire(minCapacity, ledger);
  }

  /** Listens to {@code context} so that the end of its cycle ends the lent arrays' use. */
  void listenTo(AsyncContext context) {
    listening = true;
    context.addListener(this);
  }

  /**
   * Called by the filter when the chain returned or threw. A synchronous request ends here; an
   * asynchronous one ends when its cycle does.
   *
   * @param request the request as the filter received it
   */
  public void dispatchReturned(HttpServletRequest request) {
    if (!listening && request.isAsyncStarted()) {
      // The application started the cycle without the guarded request; listen from now on.
      listenTo(request.getAsyncContext());
    }
    if (!listening) {
      finish();
      checkLeases();
    }
  }

  private void finish() {
    GuardedOutputStream current = stream;
    if (current != null) {
      current.finish();
    }
  }

  private void checkLeases() {
    if (ledger != null) {
      ledger.check(request);
    }
  }

  @Override
  public void onComplete(AsyncEvent event) {
    finish();
    checkLeases();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    finish();
  }

  @Override
  public void onError(AsyncEvent event) {
    finish();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // A new cycle re-registers through the guarded request.
  }
}
