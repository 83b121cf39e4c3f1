package dev.respool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.BufferPool;
import dev.respool.DetectAction;
import dev.respool.Lease;
import dev.respool.Mode;
import dev.respool.RespoolViolationException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GuardedOutputStreamTest {

  private static final WriteListener IDLE = new WriteListener() {
    @Override
    public void onWritePossible() {}

    @Override
    public void onError(Throwable t) {}
  };

  private final RetainingOutputStream container = new RetainingOutputStream();

  private GuardedOutputStream guarded(Mode mode, BufferPool pool) {
    return new GuardedOutputStream(container, new Guard(mode, pool, DetectAction.LOG));
  }

  private static byte[] filled(int size, int value) {
    byte[] array = new byte[size];
    Arrays.fill(array, (byte) value);
    return array;
  }

  /** The classic mistake: refill the array as soon as write returns, before isReady(). */
  private void writeThenRefill(GuardedOutputStream out, byte[] array) throws IOException {
    out.setWriteListener(IDLE);
    out.write(array, 0, array.length);
    Arrays.fill(array, (byte) 2);
    container.drain();
    assertThat(out.isReady()).isTrue();
  }

  @Test
  void copyModeSendsWhatTheCallerWroteEvenIfItRefillsAtOnce() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);

    writeThenRefill(out, filled(10_000, 1));

    assertThat(container.sent.toByteArray()).isEqualTo(filled(10_000, 1));
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void poolModeLetsTheRefillThroughWhichShowsTheHazard() throws IOException {
    GuardedOutputStream out = guarded(Mode.POOL, new BufferPool());

    writeThenRefill(out, filled(10_000, 1));

    assertThat(container.sent.toByteArray()).isEqualTo(filled(10_000, 2));
  }

  @Test
  void detectModeCountsTheRefillAndStillSendsTheOriginal() throws IOException {
    Guard guard = new Guard(Mode.DETECT, new BufferPool(1 << 20, true), DetectAction.LOG);
    GuardedOutputStream out = new GuardedOutputStream(container, guard);

    writeThenRefill(out, filled(5_000, 1));

    assertThat(guard.detector().detections()).isEqualTo(1);
    assertThat(container.sent.toByteArray()).isEqualTo(filled(5_000, 1));
  }

  @Test
  void theThrowActionFailsTheReleaseSignalAfterReleasingTheLease() throws IOException {
    BufferPool pool = new BufferPool(1 << 20, true);
    Guard guard = new Guard(Mode.DETECT, pool, DetectAction.THROW);
    GuardedOutputStream out =
        new GuardedOutputStream(container, guard, null, "GET /files/a.bin?part=2");
    out.setWriteListener(IDLE);
    byte[] array = filled(5_000, 1);

    out.write(array);
    array[4_000] = 9;
    container.completePendingWrite();

    assertThatThrownBy(out::isReady)
        .isInstanceOf(RespoolViolationException.class)
        .hasMessageContaining("changed 1 of the 5000 bytes")
        .hasMessageContaining("first at offset 4000")
        .hasMessageContaining("in GET /files/a.bin?part=2.")
        .hasCauseInstanceOf(Detector.WriteSite.class);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(guard.detector().detections()).isEqualTo(1);
    assertThat(container.sent.toByteArray()).isEqualTo(filled(5_000, 1));
  }

  /**
   * Spring MVC puts its own stream between a controller and the filter's. The report must name
   * the controller that refilled its array, not the wrapper it wrote through, and reports from two
   * writers behind the same wrapper must not be taken for one write site.
   */
  @Test
  void aReportNamesTheWriterBehindAWrapperStreamNotTheWrapper() throws IOException {
    Guard guard = new Guard(Mode.DETECT, new BufferPool(1 << 20, true), DetectAction.THROW);
    GuardedOutputStream out = new GuardedOutputStream(container, guard);
    ServletOutputStream wrapper = new WrappingStream(out);
    out.setWriteListener(IDLE);
    byte[] array = filled(3_000, 1);

    wrapper.write(array, 0, array.length);
    array[10] = 7;
    container.completePendingWrite();

    assertThatThrownBy(out::isReady)
        .isInstanceOf(RespoolViolationException.class)
        .hasMessageStartingWith("respool detect: " + GuardedOutputStreamTest.class.getName() + " ")
        .cause()
        .satisfies(stack -> assertThat(stack.getStackTrace()[0].getMethodName())
            .isEqualTo("aReportNamesTheWriterBehindAWrapperStreamNotTheWrapper"));
  }

  @Test
  void detectModeIsQuietWhenTheCallerWaitsForTheReleaseSignal() throws IOException {
    Guard guard = new Guard(Mode.DETECT, new BufferPool(1 << 20, true), DetectAction.LOG);
    GuardedOutputStream out = new GuardedOutputStream(container, guard);
    out.setWriteListener(IDLE);
    byte[] array = filled(5_000, 1);

    out.write(array);
    container.drain();
    assertThat(out.isReady()).isTrue();
    Arrays.fill(array, (byte) 3);
    out.write(array);
    container.drain();
    out.isReady();

    assertThat(guard.detector().detections()).isZero();
  }

  @Test
  void aLentLeaseWaitsForTheReleaseSignal() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);
    out.setWriteListener(IDLE);

    out.write(new byte[100]);
    assertThat(out.isReady()).isFalse();
    assertThat(pool.stats().leasesOut()).isEqualTo(1);

    container.completePendingWrite();
    assertThat(pool.stats().leasesOut()).isEqualTo(1);
    assertThat(out.isReady()).isTrue();
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(pool.stats().returned()).isEqualTo(1);
  }

  @Test
  void onWritePossibleIsAReleaseSignal() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);
    out.setWriteListener(IDLE);

    out.write(new byte[100]);
    container.drain();

    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void onErrorAbandonsTheLentLease() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);
    out.setWriteListener(IDLE);

    out.write(new byte[100]);
    container.listener().onError(new IOException("stream reset"));

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(pool.stats().pooledBytes()).isZero();
  }

  @Test
  void aFailedWriteAbandonsItsLease() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);
    out.setWriteListener(IDLE);
    container.failNextWrite(new IOException("broken pipe"));

    assertThatThrownBy(() -> out.write(new byte[100])).hasMessage("broken pipe");

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void aWriteStillPendingAtTheEndOfTheRequestIsAbandoned() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);
    out.setWriteListener(IDLE);
    out.write(new byte[100]);

    out.finish();

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().returned()).isZero();
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void aLeaseWrittenAfterTheEndOfTheRequestIsAbandoned() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);
    out.setWriteListener(IDLE);
    out.finish();

    out.write(new byte[100]);
    container.drain();

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void aBufferWrittenInNonBlockingModeIsCopiedAndConsumed() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);
    byte[] array = filled(10_000, 1);
    ByteBuffer buffer = ByteBuffer.wrap(array, 100, 9_000);
    out.setWriteListener(IDLE);

    out.write(buffer);
    Arrays.fill(array, (byte) 2);
    container.drain();

    assertThat(buffer.remaining()).isZero();
    assertThat(out.isReady()).isTrue();
    assertThat(container.sent.toByteArray()).isEqualTo(filled(9_000, 1));
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void aBlockingBufferWriteTakesNoLease() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);
    ByteBuffer buffer = ByteBuffer.allocateDirect(10).put(filled(10, 4)).flip();

    out.write(buffer);

    assertThat(buffer.remaining()).isZero();
    assertThat(container.sent.toByteArray()).isEqualTo(filled(10, 4));
    assertThat(pool.stats().acquires()).isZero();
  }

  @Test
  void blockingWritesPassCallerArraysStraightThrough() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);

    out.write(filled(10, 4));

    assertThat(container.sent.toByteArray()).isEqualTo(filled(10, 4));
    assertThat(pool.stats().acquires()).isZero();
  }

  @Test
  void aBlockingTransferUsesOneLeaseAndReturnsIt() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.COPY, pool);
    byte[] body = new byte[200_000];
    new java.util.Random(5).nextBytes(body);

    long copied = out.transferFrom(new ByteArrayInputStream(body), body.length);

    assertThat(copied).isEqualTo(body.length);
    assertThat(container.sent.toByteArray()).isEqualTo(body);
    assertThat(pool.stats().acquires()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void aBlockingTransferIsRefusedInNonBlockingMode() {
    GuardedOutputStream out = guarded(Mode.COPY, new BufferPool());
    out.setWriteListener(IDLE);

    assertThatThrownBy(() -> out.transferFrom(new ByteArrayInputStream(new byte[1]), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Respool.copyAsync");
  }

  @Test
  void aWrittenLeaseIsOwnedByTheStreamUntilItsReleaseSignal() throws IOException {
    BufferPool pool = new BufferPool();
    GuardedOutputStream out = guarded(Mode.POOL, pool);
    out.setWriteListener(IDLE);
    Lease lease = pool.acquire(4096);

    out.writeLease(lease, 4096);
    assertThat(lease.state()).isEqualTo(Lease.State.LENT);
    container.drain();

    assertThat(lease.state()).isEqualTo(Lease.State.RETURNED);
  }

  @Test
  void aSecondWriteListenerIsRefusedAsTheContainerWould() {
    GuardedOutputStream out = guarded(Mode.COPY, new BufferPool());
    out.setWriteListener(IDLE);

    assertThatThrownBy(() -> out.setWriteListener(IDLE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("listener already set");
  }
}
