package dev.respool.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's asynchronous cycle that records what is asked of it, and lets a test report the
 * end of the cycle to its listeners the way a container does.
 */
public final class RecordingAsyncContext implements AsyncContext {

  /** The listeners added, in order. */
  public final List<AsyncListener> listeners = new ArrayList<>();

  /** The calls made, as short strings such as {@code "dispatch /next"}. */
  public final List<String> calls = new ArrayList<>();

  /** How many times {@code complete()} was called. */
  public int completions;

  /** Whether the cycle runs on the request and response it was started with. */
  public boolean original = true;

  private long timeout = 30_000;
  private final ServletRequest request;
  private final ServletResponse response;

  public RecordingAsyncContext(ServletRequest request, ServletResponse response) {
    this.request = request;
    this.response = response;
  }

  /** Tells every listener that the cycle completed. */
  public void fireComplete() throws IOException {
    for (AsyncListener listener : List.copyOf(listeners)) {
      listener.onComplete(new AsyncEvent(this));
    }
  }

  /** Tells every listener that the cycle timed out. */
  public void fireTimeout() throws IOException {
    for (AsyncListener listener : List.copyOf(listeners)) {
      listener.onTimeout(new AsyncEvent(this));
    }
  }

  /** Tells every listener that the cycle failed, with {@code failure} or none. */
  public void fireError(Throwable failure) throws IOException {
    for (AsyncListener listener : List.copyOf(listeners)) {
      listener.onError(new AsyncEvent(this, failure));
    }
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
    return original;
  }

  @Override
  public void dispatch() {
    calls.add("dispatch");
  }

  @Override
  public void dispatch(String path) {
    calls.add("dispatch " + path);
  }

  @Override
  public void dispatch(ServletContext context, String path) {
    calls.add("dispatch in context " + path);
  }

  @Override
  public void complete() {
    completions++;
    calls.add("complete");
  }

  @Override
  public void start(Runnable run) {
    calls.add("start");
    run.run();
  }

  @Override
  public void addListener(AsyncListener listener) {
    listeners.add(listener);
  }

  @Override
  public void addListener(
      AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
    calls.add("addListener with request and response");
    listeners.add(listener);
  }

  @Override
  public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
    try {
      return type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new ServletException(e);
    }
  }

  @Override
  public void setTimeout(long timeout) {
    this.timeout = timeout;
  }

  @Override
  public long getTimeout() {
    return timeout;
  }
}
