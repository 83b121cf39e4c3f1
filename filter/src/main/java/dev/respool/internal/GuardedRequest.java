package dev.respool.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request wrapper the filter installs, so that the guarded response listens to every
 * asynchronous cycle from its start.
 *
 * <p>{@link #startAsync()} starts the cycle as the container would, with its original request and
 * response, and returns the container's context seen through {@link GuardedAsyncContext}, so that
 * code writing through {@code AsyncContext.getResponse()} stays guarded while {@code
 * hasOriginalRequestAndResponse()} and dispatching behave as without the filter.
 */
public final class GuardedRequest extends HttpServletRequestWrapper {

  private final GuardedResponse response;

  /** The context of the cycle started without arguments, or null. */
  private volatile GuardedAsyncContext current;

  public GuardedRequest(HttpServletRequest request, GuardedResponse response) {
    super(request);
    this.response = response;
  }

  @Override
  public AsyncContext startAsync() {
    AsyncContext context = super.startAsync();
    response.listenTo(context);
    GuardedAsyncContext guarded = new GuardedAsyncContext(context, this, response);
    current = guarded;
    return guarded;
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    AsyncContext context = super.startAsync(request, response);
    this.response.listenTo(context);
    current = null;
    return context;
  }

  @Override
  public AsyncContext getAsyncContext() {
    AsyncContext context = super.getAsyncContext();
    GuardedAsyncContext guarded = current;
    return guarded != null && guarded.wraps(context) ? guarded : context;
  }
}
