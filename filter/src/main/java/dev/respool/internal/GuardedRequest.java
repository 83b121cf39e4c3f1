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
 * <p>{@link #startAsync()} starts the cycle with the guarded request and response, so that code
 * writing through {@code AsyncContext.getResponse()} stays guarded, and an asynchronous dispatch
 * passes them down the chain again.
 */
public final class GuardedRequest extends HttpServletRequestWrapper {

  private final GuardedResponse response;

  public GuardedRequest(HttpServletRequest request, GuardedResponse response) {
    super(request);
    this.response = response;
  }

  @Override
  public AsyncContext startAsync() {
    AsyncContext context = super.startAsync(this, response);
    response.listenTo(context);
    return context;
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    AsyncContext context = super.startAsync(request, response);
    this.response.listenTo(context);
    return context;
  }
}
