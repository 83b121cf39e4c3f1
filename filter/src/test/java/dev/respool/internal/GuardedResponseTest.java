package dev.respool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.BufferPool;
import dev.respool.DetectAction;
import dev.respool.Lease;
import dev.respool.Mode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GuardedResponseTest {

  private static final WriteListener IDLE = new WriteListener() {
    @Override
    public void onWritePossible() {}

    @Override
    public void onError(Throwable t) {}
  };

  private final FakeExchange exchange = new FakeExchange();
  private final BufferPool pool = new BufferPool(1 << 20, true);
  private final Guard guard = new Guard(Mode.DETECT, pool, DetectAction.LOG);
  private final GuardedResponse response = new GuardedResponse(exchange.response(), guard);

  /** Leaves one lent lease: a non-blocking write whose container has not sent it yet. */
  private void writePending() throws IOException {
    ServletOutputStream out = response.getOutputStream();
    out.setWriteListener(IDLE);
    out.write(new byte[100]);
  }

  @Test
  void theSameContainerStreamIsGuardedByOneStream() throws IOException {
    AtomicReference<ServletOutputStream> container = new AtomicReference<>(exchange.stream);
    GuardedResponse switching = new GuardedResponse(
        new HttpServletResponseWrapper(exchange.response()) {
          @Override
          public ServletOutputStream getOutputStream() {
            return container.get();
          }
        },
        guard);

    ServletOutputStream first = switching.getOutputStream();
    ServletOutputStream again = switching.getOutputStream();
    container.set(new RetainingOutputStream());
    ServletOutputStream replaced = switching.getOutputStream();

    assertThat(again).isSameAs(first).isInstanceOf(GuardedOutputStream.class);
    assertThat(replaced).isNotSameAs(first);
    assertThat(((GuardedOutputStream) replaced).delegate()).isSameAs(container.get());
  }

  @Test
  void theGuardedResponseIsFoundBehindWrappers() {
    HttpServletResponseWrapper outer =
        new HttpServletResponseWrapper(new HttpServletResponseWrapper(response));

    assertThat(GuardedResponse.find(outer)).isSameAs(response);
    assertThat(GuardedResponse.find(exchange.response())).isNull();
  }

  @Test
  void aSynchronousRequestEndsWhenItsDispatchReturns() throws IOException {
    writePending();
    Lease kept = response.acquire(100);

    response.dispatchReturned(exchange.request());

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(guard.detector().leaks()).isEqualTo(1);
    assertThat(kept.state()).isEqualTo(Lease.State.HELD);
  }

  @Test
  void aCycleTheApplicationStartedDirectlyEndsTheRequestLater() throws IOException {
    exchange.request().startAsync();
    writePending();

    response.dispatchReturned(exchange.request());
    assertThat(pool.stats().abandoned()).isZero();
    assertThat(pool.stats().leasesOut()).isEqualTo(1);
    exchange.async().fireComplete();

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void aDispatchReturningDuringAListenedCycleEndsNothing() throws IOException {
    new GuardedRequest(exchange.request(), response).startAsync();
    writePending();

    response.dispatchReturned(exchange.request());

    assertThat(pool.stats().abandoned()).isZero();
    assertThat(pool.stats().leasesOut()).isEqualTo(1);
  }

  @Test
  void theCompletionOfTheCycleReportsLeasesLeftHeld() throws IOException {
    new GuardedRequest(exchange.request(), response).startAsync();
    response.acquire(100);

    exchange.async().fireComplete();

    assertThat(guard.detector().leaks()).isEqualTo(1);
  }

  @Test
  void aTimeoutAbandonsLentArrays() throws IOException {
    new GuardedRequest(exchange.request(), response).startAsync();
    writePending();

    exchange.async().fireTimeout();

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void anErrorOfTheCycleAbandonsLentArrays() throws IOException {
    new GuardedRequest(exchange.request(), response).startAsync();
    writePending();

    exchange.async().fireError(new IOException("stream reset"));

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void withoutDetectionNoLeaseIsReportedButLentArraysAreStillAbandoned() throws IOException {
    Guard copy = new Guard(Mode.COPY, pool, DetectAction.LOG);
    GuardedResponse plain = new GuardedResponse(exchange.response(), copy);
    ServletOutputStream out = plain.getOutputStream();
    out.setWriteListener(IDLE);
    out.write(new byte[100]);
    plain.acquire(100);

    plain.dispatchReturned(exchange.request());

    assertThat(copy.detector().leaks()).isZero();
    assertThat(pool.stats().abandoned()).isEqualTo(1);
  }
}
