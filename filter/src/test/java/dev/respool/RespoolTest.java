package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.internal.FakeExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The runtime's entry points: finding it, its counters, and the copies into a response. */
class RespoolTest {

  private final FakeExchange exchange = new FakeExchange();
  private final BufferPool pool = new BufferPool();
  private final Respool runtime = new Respool(Mode.COPY, pool);
  private final byte[] body = randomBytes(100_000);
  private boolean closed;

  RespoolTest() {
    exchange.request().setAttribute(Respool.ATTRIBUTE, runtime);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  /** The body, as a source that records its closing. */
  private InputStream source() {
    return new ByteArrayInputStream(body) {
      @Override
      public void close() {
        closed = true;
      }
    };
  }

  /** Lets the container send until the copy completes its cycle. */
  private void sendAll() throws IOException {
    for (int i = 0; i < 20 && exchange.async().completions == 0; i++) {
      exchange.stream.drain();
    }
  }

  @Test
  void theRuntimeIsLookedUpInTheRequestThenTheContextThenShared() {
    Respool inContext = new Respool(Mode.POOL, new BufferPool());
    FakeExchange other = new FakeExchange();

    Respool shared = Respool.of(other.request());
    other.contextAttributes.put(Respool.ATTRIBUTE, inContext);

    assertThat(Respool.of(exchange.request())).isSameAs(runtime);
    assertThat(Respool.of(other.request())).isSameAs(inContext);
    assertThat(shared.mode()).isEqualTo(Mode.COPY);
    assertThat(Respool.of(new FakeExchange().request())).isSameAs(shared);
  }

  @Test
  void theCountersAreThePoolsAndTheFiltersTogether() {
    pool.acquire(100);
    pool.acquire(100_000).release();
    pool.acquire(100).abandon();
    PoolStats p = pool.stats();

    assertThat(new Respool(Mode.DETECT, pool).stats())
        .isEqualTo(new RespoolStats(
            "detect",
            p.leasesOut(),
            p.acquires(),
            p.hits(),
            p.misses(),
            p.returned(),
            p.dropped(),
            p.abandoned(),
            p.pooledBytes(),
            p.maxPooledBytes(),
            0,
            0,
            0));
  }

  @Test
  void aBlockingCopySendsTheBodyThroughTheRuntimesPoolAndClosesTheSource() throws IOException {
    long copied = Respool.copy(source(), exchange.request(), exchange.response(), body.length);

    assertThat(copied).isEqualTo(body.length);
    assertThat(exchange.stream.sent.toByteArray()).isEqualTo(body);
    assertThat(closed).isTrue();
    assertThat(pool.stats().acquires()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void theRuntimesCopierTakesItsLeasesFromTheRuntimesPool() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    runtime.copier().copy(source(), sink);

    assertThat(sink.toByteArray()).isEqualTo(body);
    assertThat(pool.stats().returned()).isEqualTo(1);
  }

  @Test
  void anAsyncCopyStartsACycleWithoutTimeoutSendsTheBodyAndCompletesIt() throws IOException {
    CompletableFuture<Long> result = Respool.copyAsync(
            source(), exchange.request(), exchange.response(), body.length)
        .toCompletableFuture();
    sendAll();

    assertThat(result).isCompletedWithValue((long) body.length);
    assertThat(exchange.stream.sent.toByteArray()).isEqualTo(body);
    assertThat(exchange.async().getTimeout()).isZero();
    assertThat(exchange.async().completions).isEqualTo(1);
    exchange.async().fireComplete();
    assertThat(closed).isTrue();
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void anAsyncCopyJoinsACycleTheApplicationStarted() throws IOException {
    AsyncContext started = exchange.request().startAsync();
    started.setTimeout(5_000);

    CompletableFuture<Long> result = Respool.copyAsync(
            source(), exchange.request(), exchange.response(), body.length)
        .toCompletableFuture();
    sendAll();

    assertThat(exchange.async()).isSameAs(started);
    assertThat(started.getTimeout()).isEqualTo(5_000);
    assertThat(result).isCompletedWithValue((long) body.length);
  }

  @Test
  void anAsyncCopyHearsOfTheEndOfItsCycle() throws IOException {
    CompletableFuture<Long> result = Respool.copyAsync(
            source(), exchange.request(), exchange.response(), body.length)
        .toCompletableFuture();
    exchange.stream.drain();

    exchange.async().fireTimeout();

    assertThat(result).isCompletedExceptionally();
    assertThat(closed).isTrue();
    assertThat(pool.stats().abandoned()).isEqualTo(1);
  }

  @Test
  void anAsyncCopyWithoutAsyncSupportIsRefusedAndClosesTheSource() {
    exchange.asyncSupported = false;

    assertThatThrownBy(
            () -> Respool.copyAsync(source(), exchange.request(), exchange.response(), -1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mark the servlet and every filter before it async-supported");

    assertThat(closed).isTrue();
    assertThat(exchange.async()).isNull();
  }

  @Test
  void anAsyncCopyWithoutAnOutputStreamIsRefusedAndClosesTheSource() {
    IOException noStream = new IOException("response closed");
    exchange.streamFailure = noStream;

    assertThatThrownBy(
            () -> Respool.copyAsync(source(), exchange.request(), exchange.response(), -1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The response has no output stream to copy into")
        .hasCause(noStream);

    assertThat(closed).isTrue();
  }

  @Test
  void anAsyncCopyAfterTheWriterWasUsedFailsAsTheContainerSaysAndClosesTheSource() {
    IllegalStateException writerInUse = new IllegalStateException("getWriter() was called");
    exchange.streamFailure = writerInUse;

    assertThatThrownBy(
            () -> Respool.copyAsync(source(), exchange.request(), exchange.response(), -1))
        .isSameAs(writerInUse);

    assertThat(closed).isTrue();
  }

  @Test
  void anAsyncCopyOntoAStreamWithAListenerAlreadyIsRefusedAndClosesTheSource() {
    exchange.stream.setWriteListener(new WriteListener() {
      @Override
      public void onWritePossible() {}

      @Override
      public void onError(Throwable t) {}
    });

    assertThatThrownBy(
            () -> Respool.copyAsync(source(), exchange.request(), exchange.response(), -1))
        .hasMessage("listener already set");

    assertThat(closed).isTrue();
  }
}
