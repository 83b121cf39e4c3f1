package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.internal.FakeExchange;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the filter does with each request. */
class RespoolFilterTest {

  private static final WriteListener IDLE = new WriteListener() {
    @Override
    public void onWritePossible() {}

    @Override
    public void onError(Throwable t) {}
  };

  private final FakeExchange exchange = new FakeExchange();
  private final BufferPool pool = new BufferPool();
  private final AtomicReference<ServletRequest> seenRequest = new AtomicReference<>();
  private final AtomicReference<ServletResponse> seenResponse = new AtomicReference<>();

  private RespoolFilter filter(Mode mode) {
    return new RespoolFilter(new Respool(mode, pool));
  }

  private static byte[] filled(int size, int value) {
    byte[] array = new byte[size];
    Arrays.fill(array, (byte) value);
    return array;
  }

  /** The mistake respool guards against: the array is refilled as soon as the write returns. */
  private static void writeThenRefill(ServletResponse response) throws IOException {
    ServletOutputStream out = response.getOutputStream();
    out.setWriteListener(IDLE);
    byte[] array = filled(5_000, 1);
    out.write(array);
    Arrays.fill(array, (byte) 2);
  }

  private void record(ServletRequest request, ServletResponse response) {
    seenRequest.set(request);
    seenResponse.set(response);
  }

  @Test
  void theApplicationFindsTheRuntimeOfTheFilterThatHandledItsRequest() throws Exception {
    RespoolFilter filter = filter(Mode.COPY);
    AtomicReference<Respool> found = new AtomicReference<>();

    filter.doFilter(exchange.request(), exchange.response(), (r, s) -> found.set(Respool.of(r)));

    assertThat(found).hasValue(filter.respool());
  }

  @Test
  void inCopyModeAnArrayRefilledTooEarlyStillArrivesIntact() throws Exception {
    RespoolFilter filter = filter(Mode.COPY);

    filter.doFilter(exchange.request(), exchange.response(), (r, s) -> writeThenRefill(s));
    exchange.stream.completePendingWrite();

    assertThat(exchange.stream.sent.toByteArray()).isEqualTo(filled(5_000, 1));
    assertThat(filter.respool().stats().defensiveCopies()).isEqualTo(1);
  }

  @Test
  void inOffModeTheApplicationGetsTheContainersObjects() throws Exception {
    filter(Mode.OFF).doFilter(exchange.request(), exchange.response(), (r, s) -> {
      record(r, s);
      writeThenRefill(s);
    });
    exchange.stream.completePendingWrite();

    assertThat(seenRequest).hasValue(exchange.request());
    assertThat(seenResponse).hasValue(exchange.response());
    assertThat(exchange.stream.sent.toByteArray()).isEqualTo(filled(5_000, 2));
  }

  @Test
  void aRequestThatIsNotHttpPassesThrough() throws Exception {
    ServletRequest plain = new ServletRequestWrapper(exchange.request());

    filter(Mode.COPY).doFilter(plain, exchange.response(), this::record);

    assertThat(seenRequest).hasValue(plain);
    assertThat(seenResponse).hasValue(exchange.response());
  }

  @Test
  void aResponseThatIsNotHttpPassesThrough() throws Exception {
    ServletResponse plain = new ServletResponseWrapper(exchange.response());

    filter(Mode.COPY).doFilter(exchange.request(), plain, this::record);

    assertThat(seenRequest).hasValue(exchange.request());
    assertThat(seenResponse).hasValue(plain);
  }

  @Test
  void aRequestGuardedByAnEarlierPassIsNotWrappedAgain() throws Exception {
    RespoolFilter filter = filter(Mode.COPY);
    AtomicReference<ServletResponse> outer = new AtomicReference<>();

    filter.doFilter(exchange.request(), exchange.response(), (r, s) -> {
      outer.set(s);
      filter.doFilter(r, s, this::record);
    });

    assertThat(outer.get()).isNotSameAs(exchange.response());
    assertThat(seenResponse).hasValue(outer.get());
  }

  @Test
  void aSynchronousRequestAbandonsItsPendingWritesWhenTheChainReturns() throws Exception {
    filter(Mode.COPY).doFilter(exchange.request(), exchange.response(), (r, s) -> {
      writeThenRefill(s);
      assertThat(pool.stats().leasesOut()).isEqualTo(1);
    });

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void aChainThatThrowsStillEndsTheRequest() {
    IOException failure = new IOException("servlet failed");

    assertThatThrownBy(
            () -> filter(Mode.COPY).doFilter(exchange.request(), exchange.response(), (r, s) -> {
              writeThenRefill(s);
              throw failure;
            }))
        .isSameAs(failure);

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void stoppingTheFilterAbandonsTheArraysOfRequestsStillOpen() throws Exception {
    RespoolFilter filter = filter(Mode.COPY);
    filter.doFilter(exchange.request(), exchange.response(), (r, s) -> {
      r.startAsync();
      writeThenRefill(s);
    });
    assertThat(pool.stats().leasesOut()).isEqualTo(1);

    filter.destroy();

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void stoppingAFilterThatNeverStartedDoesNothing() {
    new RespoolFilter().destroy();
  }
}
