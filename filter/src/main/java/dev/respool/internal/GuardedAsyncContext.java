package dev.respool.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * The container's {@code AsyncContext}, except that {@link #getRequest()} and {@link
 * #getResponse()} return the guarded request and response, so that code writing through the
 * context stays guarded. Everything else, {@link #hasOriginalRequestAndResponse()} included, is
 * the container's answer.
 */
final class GuardedAsyncContext implements AsyncContext {

  private final AsyncContext container;
  private final GuardedRequest request;
  private final GuardedResponse response;

  GuardedAsyncContext(AsyncContext container, GuardedRequest request, GuardedResponse response) {
    this.container = container;
    this.request = request;
    this.response = response;
  }

  /** Whether this wraps {@code context}. */
  boolean wraps(AsyncContext context) {
    return container == context;
  }

  @Override
  public ServletRequest getRequest() {
    return request;
  }

  @Override
  public ServletResponse getResponse() {
    return response;
  }

  @Override
  public boolean hasOriginalRequestAndResponse() {
    return container.hasOriginalRequestAndResponse();
  }

  @Override
  public void dispatch() {
    container.dispatch();
  }

  @Override
  public void dispatch(String path) {
    container.dispatch(path);
  }

  @Override
  public void dispatch(ServletContext context, String path) {
    container.dispatch(context, path);
  }

  @Override
  public void complete() {
    container.complete();
  }

  @Override
  public void start(Runnable run) {
    container.start(run);
  }

  @Override
  public void addListener(AsyncListener listener) {
    container.addListener(listener);
  }

  @Override
  public void addListener(
      AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
    container.addListener(listener, servletRequest, servletResponse);
  }

  @Override
  public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
    return container.createListener(type);
  }

  @Override
  public void setTimeout(long timeout) {
    container.setTimeout(timeout);
  }

  @Override
  public long getTimeout() {
    return container.getTimeout();
  }
}
