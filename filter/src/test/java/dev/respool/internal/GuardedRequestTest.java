package dev.respool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.BufferPool;
import dev.respool.DetectAction;
import dev.respool.Mode;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GuardedRequestTest {

  private static final WriteListener IDLE = new WriteListener() {
    @Override
    public void onWritePossible() {}

    @Override
    public void onError(Throwable t) {}
  };

  private final FakeExchange exchange = new FakeExchange();
  private final BufferPool pool = new BufferPool();
  private final GuardedResponse response =
      new GuardedResponse(exchange.response(), new Guard(Mode.COPY, pool, DetectAction.LOG));
  private final GuardedRequest request = new GuardedRequest(exchange.request(), response);

  /** Leaves one lent lease: a non-blocking write whose container has not sent it yet. */
  private void writePending() throws IOException {
    ServletOutputStream out = response.getOutputStream();
    out.setWriteListener(IDLE);
    out.write(new byte[100]);
  }

  @Test
  void theStartedCycleHandsOutTheGuardedRequestAndResponse() {
    AsyncContext context = request.startAsync();

    assertThat(context.getRequest()).isSameAs(request);
    assertThat(context.getResponse()).isSameAs(response);
    assertThat(request.getAsyncContext()).isSameAs(context);
  }

  @Test
  void everyOtherCallOnTheCycleIsTheContainers() throws Exception {
    AsyncContext context = request.startAsync();
    RecordingAsyncContext container = exchange.async();
    AtomicBoolean ran = new AtomicBoolean();
    AsyncListener listener = new Listener();

    context.dispatch();
    context.dispatch("/next");
    context.dispatch(exchange.servletContext(), "/other");
    context.start(() -> ran.set(true));
    context.addListener(listener);
    context.addListener(listener, request, response);
    context.setTimeout(1234);
    context.complete();

    assertThat(container.calls)
        .containsExactly(
            "dispatch",
            "dispatch /next",
            "dispatch in context /other",
            "start",
            "addListener with request and response",
            "complete");
    assertThat(ran).isTrue();
    assertThat(container.listeners).containsSubsequence(listener, listener);
    assertThat(container.getTimeout()).isEqualTo(1234);
    assertThat(context.getTimeout()).isEqualTo(1234);
    assertThat(context.createListener(Listener.class)).isInstanceOf(Listener.class);
  }

  @Test
  void whetherTheCycleRunsOnTheOriginalRequestIsTheContainersAnswer() {
    AsyncContext context = request.startAsync();

    assertThat(context.hasOriginalRequestAndResponse()).isTrue();
    exchange.async().original = false;
    assertThat(context.hasOriginalRequestAndResponse()).isFalse();
  }

  @Test
  void aCycleStartedWithOtherObjectsIsTheContainersOwn() {
    request.startAsync();
    HttpServletRequestWrapper otherRequest = new HttpServletRequestWrapper(request);
    HttpServletResponseWrapper otherResponse = new HttpServletResponseWrapper(response);

    AsyncContext context = request.startAsync(otherRequest, otherResponse);

    assertThat(context).isSameAs(exchange.async());
    assertThat(context.getRequest()).isSameAs(otherRequest);
    assertThat(request.getAsyncContext()).isSameAs(exchange.async());
  }

  @Test
  void aCycleTheContainerStartedSinceIsNotHiddenBehindTheOldOne() {
    AsyncContext first = request.startAsync();

    exchange.request().startAsync();

    assertThat(request.getAsyncContext()).isNotSameAs(first).isSameAs(exchange.async());
  }

  @Test
  void beforeAnyCycleTheContainerAnswers() {
    exchange.request().startAsync();

    assertThat(request.getAsyncContext()).isSameAs(exchange.async());
  }

  @Test
  void theEndOfACycleStartedThroughTheRequestAbandonsLentArrays() throws IOException {
    request.startAsync();
    writePending();

    exchange.async().fireComplete();

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void theEndOfACycleStartedWithOtherObjectsAbandonsLentArraysToo() throws IOException {
    request.startAsync(new HttpServletRequestWrapper(request), response);
    writePending();

    exchange.async().fireComplete();

    assertThat(pool.stats().abandoned()).isEqualTo(1);
  }

  /** A listener with the public no-argument constructor that {@code createListener} needs. */
  public static final class Listener implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }
}
