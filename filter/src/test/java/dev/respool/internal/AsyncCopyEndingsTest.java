package dev.respool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.BufferPool;
import dev.respool.DetectAction;
import dev.respool.Mode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** How a non-blocking copy ends: done, failed on either side, or cut short by its cycle. */
class AsyncCopyEndingsTest {

  private final FakeExchange exchange = new FakeExchange();
  private final BufferPool pool = new BufferPool();
  private boolean closed;

  /** A source of {@code size} bytes that throws {@code failure} when asked for more. */
  private InputStream failingAfter(int size, IOException failure) {
    return new InputStream() {
      private int left = size;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
          throw failure;
        }
        int n = Math.min(len, left);
        left -= n;
        return n;
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  private InputStream body(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public void close() {
        closed = true;
      }
    };
  }

  /** Starts a copy the way {@code Respool.copyAsync} does, with the container's first call. */
  private CompletableFuture<Long> start(InputStream in, ServletOutputStream out) {
    RecordingAsyncContext context = (RecordingAsyncContext) exchange.request().startAsync();
    AsyncCopy copy = new AsyncCopy(in, context, exchange.response(), out, pool, 100_000);
    context.addListener(copy);
    out.setWriteListener(copy);
    copy.onWritePossible();
    return copy.result().toCompletableFuture();
  }

  /** Checks, without waiting for it, that the copy failed with {@code cause}. */
  private static void assertFailedWith(CompletableFuture<Long> result, Throwable cause) {
    assertThat(result).isCompletedExceptionally();
    assertThatThrownBy(result::join).hasCause(cause);
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void aSourceThatFailsBeforeAnythingIsSentTurnsTheResponseIntoAnError() throws IOException {
    IOException disk = new IOException("disk gone");

    CompletableFuture<Long> result = start(failingAfter(0, disk), exchange.stream);

    assertFailedWith(result, disk);
    assertThat(exchange.resets).isEqualTo(1);
    assertThat(exchange.errorStatus).isEqualTo(500);
    assertThat(exchange.async().completions).isEqualTo(1);
    assertThat(pool.stats().returned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
    exchange.async().fireComplete();
    assertThat(closed).isTrue();
  }

  @Test
  void aSourceThatFailsOnceTheResponseIsCommittedIsLoggedAndTheBodyEndsShort() throws IOException {
    IOException disk = new IOException("disk gone");
    exchange.committed = true;

    try (LogCapture log = LogCapture.of("dev.respool")) {
      CompletableFuture<Long> result = start(failingAfter(40_000, disk), exchange.stream);
      exchange.stream.drain();

      assertFailedWith(result, disk);
      assertThat(log.at(Level.WARNING)).hasSize(1);
      LogRecord record = log.at(Level.WARNING).get(0);
      assertThat(LogCapture.message(record))
          .isEqualTo("respool: the body source failed after 32768 bytes were sent; the response"
              + " ends short of its length");
      assertThat(record.getThrown()).isSameAs(disk);
    }
    assertThat(exchange.resets).isZero();
    assertThat(exchange.errorStatus).isZero();
    assertThat(exchange.stream.sent.size()).isEqualTo(32_768);
    assertThat(exchange.async().completions).isEqualTo(1);
  }

  @Test
  void aContainerStreamThatFailsItsReadinessCheckFailsTheCopy() {
    IllegalStateException closedStream = new IllegalStateException("stream closed");
    ServletOutputStream broken = new ServletOutputStream() {
      @Override
      public void write(int b) {}

      @Override
      public boolean isReady() {
        throw closedStream;
      }

      @Override
      public void setWriteListener(WriteListener listener) {}
    };

    CompletableFuture<Long> result = start(body(new byte[10]), broken);

    assertFailedWith(result, closedStream);
    assertThat(exchange.async().completions).isEqualTo(1);
    assertThat(pool.stats().acquires()).isZero();
  }

  @Test
  void aFailedWriteAbandonsTheLeaseAndStopsTheCopy() {
    IOException broken = new IOException("broken pipe");
    exchange.stream.failNextWrite(broken);

    CompletableFuture<Long> result = start(body(new byte[100_000]), exchange.stream);

    assertFailedWith(result, broken);
    assertThat(exchange.stream.sent.size()).isZero();
    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(exchange.async().completions).isEqualTo(1);
  }

  @Test
  void aWriteErrorAbandonsTheLentLeaseAndEndsTheCopy() {
    IOException reset = new IOException("stream reset");
    CompletableFuture<Long> result = start(body(new byte[100_000]), exchange.stream);

    exchange.stream.listener().onError(reset);

    assertFailedWith(result, reset);
    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(closed).isTrue();
    assertThat(exchange.async().completions).isEqualTo(1);
  }

  @Test
  void anErrorOfTheCycleFailsTheCopyWithItsCause() throws IOException {
    IOException reset = new IOException("stream reset");
    CompletableFuture<Long> result = start(body(new byte[100_000]), exchange.stream);

    exchange.async().fireError(reset);

    assertFailedWith(result, reset);
    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(closed).isTrue();
    assertThat(exchange.async().completions).isEqualTo(1);
  }

  @Test
  void anErrorOfTheCycleWithoutACauseStillFailsTheCopy() throws IOException {
    CompletableFuture<Long> result = start(body(new byte[100_000]), exchange.stream);

    exchange.async().fireError(null);

    assertThat(result).isCompletedExceptionally();
    assertThatThrownBy(result::join)
        .hasCauseInstanceOf(IOException.class)
        .hasRootCauseMessage("The asynchronous cycle failed");
    assertThat(closed).isTrue();
  }

  @Test
  void eventsAfterTheEndOfTheCopyChangeNothing() throws IOException {
    CompletableFuture<Long> result = start(body(new byte[100]), exchange.stream);
    exchange.stream.drain();
    AsyncCopy copy = (AsyncCopy) exchange.stream.listener();

    exchange.async().fireComplete();
    exchange.async().fireError(new IOException("late"));
    copy.onWritePossible();

    assertThat(result).isCompletedWithValue(100L);
    assertThat(exchange.stream.sent.size()).isEqualTo(100);
    assertThat(pool.stats().returned()).isEqualTo(1);
    assertThat(pool.stats().abandoned()).isZero();
    assertThat(closed).isTrue();
  }

  @Test
  void aContainerThatIsAlwaysReadyGetsTheWholeBodyInOneCall() {
    AcceptingOutputStream roomy = new AcceptingOutputStream();
    byte[] bytes = randomBytes(100_000);

    CompletableFuture<Long> result = start(body(bytes), roomy);

    assertThat(result).isCompletedWithValue(100_000L);
    assertThat(roomy.sent.toByteArray()).isEqualTo(bytes);
    assertThat(exchange.async().completions).isEqualTo(1);
  }

  @Test
  void behindAGuardedStreamEachChunkTravelsInALeaseOfItsOwn() throws IOException {
    Guard guard = new Guard(Mode.COPY, pool, DetectAction.LOG);
    GuardedOutputStream guarded = new GuardedOutputStream(exchange.stream, guard);
    byte[] bytes = randomBytes(100_000);

    CompletableFuture<Long> result = start(body(bytes), guarded);
    for (int i = 0; i < 20 && exchange.async().completions == 0; i++) {
      exchange.stream.drain();
    }

    assertThat(result).isCompletedWithValue(100_000L);
    assertThat(exchange.stream.sent.toByteArray()).isEqualTo(bytes);
    assertThat(guard.defensiveCopies()).isZero();
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(pool.stats().abandoned()).isZero();
  }
}
