package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.internal.FakeExchange;
import dev.respool.internal.Guard;
import dev.respool.internal.GuardedResponse;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopierTest {

  /** A source that is not a ByteArrayInputStream, which would skip the copy in transferTo. */
  private static InputStream source(byte[] bytes) {
    return new FilterInputStream(new java.io.ByteArrayInputStream(bytes)) {};
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4095, 4096, 32768, 100_000, 1 << 20})
  void copiesEveryByteAndReturnsTheCount(int size) throws IOException {
    BufferPool pool = new BufferPool();
    byte[] body = randomBytes(size, size);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    long copied = new Copier(pool).copy(source(body), sink, size);

    assertThat(copied).isEqualTo(size);
    assertThat(sink.toByteArray()).isEqualTo(body);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(pool.stats().returned()).isEqualTo(1);
  }

  @Test
  void aKnownLengthSizesTheLease() throws IOException {
    BufferPool pool = new BufferPool();

    new Copier(pool).copy(source(new byte[100]), OutputStream.nullOutputStream(), 100);

    assertThat(pool.acquire(1).capacity()).isEqualTo(BufferPool.MIN_CAPACITY);
    assertThat(pool.stats().hits()).isEqualTo(1);
  }

  @Test
  void aPlainStreamGets16KiBChunksAndAServletStream32KiB() throws IOException {
    BufferPool pool = new BufferPool();
    List<Integer> plain = new ArrayList<>();
    List<Integer> servlet = new ArrayList<>();
    OutputStream plainSink = new OutputStream() {
      @Override
      public void write(int b) {
        plain.add(1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        plain.add(len);
      }
    };
    ServletOutputStream servletSink = new ServletOutputStream() {
      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setWriteListener(WriteListener listener) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void write(int b) {
        servlet.add(1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        servlet.add(len);
      }
    };

    new Copier(pool).copy(source(new byte[100_000]), plainSink);
    new Copier(pool).copy(source(new byte[100_000]), servletSink);

    assertThat(plain).containsExactly(16384, 16384, 16384, 16384, 16384, 16384, 1696);
    assertThat(servlet).containsExactly(32768, 32768, 32768, 1696);
  }

  @Test
  void aFailedWriteAbandonsTheLease() {
    BufferPool pool = new BufferPool();
    OutputStream failing = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("connection reset");
      }
    };

    assertThatThrownBy(() -> new Copier(pool).copy(source(new byte[10]), failing))
        .hasMessage("connection reset");

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(pool.stats().pooledBytes()).isZero();
  }

  @Test
  void aFailedReadReturnsTheLease() {
    BufferPool pool = new BufferPool();
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk gone");
      }
    };

    assertThatThrownBy(() -> new Copier(pool).copy(failing, OutputStream.nullOutputStream()))
        .hasMessage("disk gone");

    assertThat(pool.stats().returned()).isEqualTo(1);
    assertThat(pool.stats().abandoned()).isZero();
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void aCopyOfUnknownLengthReturnsTheCount() throws IOException {
    byte[] body = randomBytes(100_000, 3);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    long copied = new Copier(new BufferPool()).copy(source(body), sink);

    assertThat(copied).isEqualTo(body.length);
    assertThat(sink.toByteArray()).isEqualTo(body);
  }

  @Test
  void anEmptyBodyOfKnownLengthTakesTheSmallestLease() throws IOException {
    BufferPool pool = new BufferPool();

    new Copier(pool).copy(source(new byte[0]), OutputStream.nullOutputStream(), 0);

    assertThat(pool.stats().pooledBytes()).isEqualTo(BufferPool.MIN_CAPACITY);
  }

  /** Some sources, such as adapters of non-blocking channels, may return no bytes for a while. */
  @Test
  void aReadOfNoBytesDoesNotEndTheCopy() throws IOException {
    byte[] body = randomBytes(1_000, 4);
    InputStream hesitant = new FilterInputStream(new java.io.ByteArrayInputStream(body)) {
      private boolean hesitated;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (!hesitated) {
          hesitated = true;
          return 0;
        }
        return super.read(b, off, len);
      }
    };
    ByteArrayOutputStream sink = new ByteArrayOutputStream();

    long copied = new Copier(new BufferPool()).copy(hesitant, sink);

    assertThat(copied).isEqualTo(body.length);
    assertThat(sink.toByteArray()).isEqualTo(body);
  }

  @Test
  void aCopyIntoAGuardedResponseTakesItsLeaseFromTheFiltersPool() throws IOException {
    BufferPool copierPool = new BufferPool();
    BufferPool filterPool = new BufferPool();
    FakeExchange exchange = new FakeExchange();
    GuardedResponse response = new GuardedResponse(
        exchange.response(), new Guard(Mode.COPY, filterPool, DetectAction.LOG));
    byte[] body = randomBytes(100_000, 5);

    long copied =
        new Copier(copierPool).copy(source(body), response.getOutputStream(), body.length);

    assertThat(copied).isEqualTo(body.length);
    assertThat(exchange.stream.sent.toByteArray()).isEqualTo(body);
    assertThat(filterPool.stats().returned()).isEqualTo(1);
    assertThat(copierPool.stats().acquires()).isZero();
  }
}
