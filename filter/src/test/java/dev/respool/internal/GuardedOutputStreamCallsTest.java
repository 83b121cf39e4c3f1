package dev.respool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.BufferPool;
import dev.respool.DetectAction;
import dev.respool.Lease;
import dev.respool.Mode;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The calls a guarded stream passes on as they are, and the ones it must keep track of. */
class GuardedOutputStreamCallsTest {

  private static final WriteListener IDLE = new WriteListener() {
    @Override
    public void onWritePossible() {}

    @Override
    public void onError(Throwable t) {}
  };

  private final RetainingOutputStream container = new RetainingOutputStream();
  private final BufferPool pool = new BufferPool();
  private final Guard guard = new Guard(Mode.COPY, pool, DetectAction.LOG);
  private final GuardedOutputStream out = new GuardedOutputStream(container, guard);

  private static byte[] filled(int size, int value) {
    byte[] array = new byte[size];
    Arrays.fill(array, (byte) value);
    return array;
  }

  @Test
  void everyPrintAndPrintlnReachesTheContainer() throws IOException {
    out.print("a");
    out.print(true);
    out.print('c');
    out.print(1);
    out.print(2L);
    out.print(1.5f);
    out.print(2.5d);
    out.println();
    out.println("s");
    out.println(false);
    out.println('d');
    out.println(3);
    out.println(4L);
    out.println(3.5f);
    out.println(4.5d);

    assertThat(container.sent.toString(StandardCharsets.ISO_8859_1))
        .isEqualTo("atruec121.52.5\r\ns\r\nfalse\r\nd\r\n3\r\n4\r\n3.5\r\n4.5\r\n");
  }

  @Test
  void flushAndCloseReachTheContainer() throws IOException {
    out.flush();
    out.close();

    assertThat(container.flushes).isEqualTo(1);
    assertThat(container.closed).isTrue();
  }

  @Test
  void singleBytesGoStraightToTheContainerEvenInNonBlockingMode() throws IOException {
    out.setWriteListener(IDLE);

    out.write('x');

    assertThat(container.sent.toString(StandardCharsets.ISO_8859_1)).isEqualTo("x");
    assertThat(pool.stats().acquires()).isZero();
  }

  @Test
  void aLeaseWrittenInBlockingModeGoesBackOnceTheWriteReturns() throws IOException {
    Lease lease = pool.acquire(4096);
    Arrays.fill(lease.array(), (byte) 5);

    out.writeLease(lease, 10);

    assertThat(container.sent.toByteArray()).isEqualTo(filled(10, 5));
    assertThat(lease.state()).isEqualTo(Lease.State.RETURNED);
  }

  @Test
  void aLeaseWhoseBlockingWriteFailsIsAbandoned() {
    Lease lease = pool.acquire(4096);
    container.failNextWrite(new IOException("broken pipe"));

    assertThatThrownBy(() -> out.writeLease(lease, 10)).hasMessage("broken pipe");

    assertThat(lease.state()).isEqualTo(Lease.State.ABANDONED);
  }

  @Test
  void manyWritesBeforeAReleaseSignalAllWaitForIt() throws IOException {
    AcceptingOutputStream accepting = new AcceptingOutputStream();
    GuardedOutputStream guarded = new GuardedOutputStream(accepting, guard);
    guarded.setWriteListener(IDLE);

    for (int i = 0; i < 5; i++) {
      guarded.write(filled(100, i));
    }
    assertThat(pool.stats().leasesOut()).isEqualTo(5);
    assertThat(guarded.isReady()).isTrue();

    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(pool.stats().returned()).isEqualTo(5);
    assertThat(accepting.sent.size()).isEqualTo(500);
  }

  @Test
  void atTheEndOfTheRequestEveryLentCallerArrayIsStillChecked() throws IOException {
    BufferPool poisoning = new BufferPool(1 << 20, true);
    Guard detect = new Guard(Mode.DETECT, poisoning, DetectAction.LOG);
    GuardedOutputStream guarded = new GuardedOutputStream(new AcceptingOutputStream(), detect);
    guarded.setWriteListener(IDLE);
    byte[] first = filled(100, 1);
    byte[] second = filled(100, 2);
    guarded.write(first);
    guarded.write(second);
    second[50] = 9;

    try (LogCapture log = LogCapture.of("dev.respool.detect")) {
      guarded.finish();
      assertThat(log.records()).hasSize(1);
    }

    assertThat(detect.detector().detections()).isEqualTo(1);
    assertThat(poisoning.stats().abandoned()).isEqualTo(2);
  }

  @Test
  void theApplicationHearsOfErrors() throws IOException {
    AtomicReference<Throwable> heard = new AtomicReference<>();
    out.setWriteListener(new WriteListener() {
      @Override
      public void onWritePossible() {}

      @Override
      public void onError(Throwable t) {
        heard.set(t);
      }
    });
    IOException reset = new IOException("stream reset");

    container.listener().onError(reset);

    assertThat(heard).hasValue(reset);
  }

  @Test
  void anArrayIsTrustedUntilItsOwnerWithdrawsTheTrust() throws IOException {
    AcceptingOutputStream accepting = new AcceptingOutputStream();
    GuardedOutputStream guarded = new GuardedOutputStream(accepting, guard);
    guarded.setWriteListener(IDLE);
    byte[] trusted = new byte[100];
    byte[] other = new byte[100];

    guarded.trust(trusted);
    guarded.distrust(other);
    guarded.write(trusted);
    assertThat(guard.defensiveCopies()).isZero();

    guarded.distrust(trusted);
    guarded.write(trusted);
    assertThat(guard.defensiveCopies()).isEqualTo(1);
  }

  @Test
  void theEndOfEveryOpenRequestAbandonsItsLentArrays() throws IOException {
    out.setWriteListener(IDLE);
    out.write(new byte[100]);

    guard.abandonOpenRequests();

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
  }

  /** Opens a request in non-blocking mode, ends it, and lets go of its stream. */
  private WeakReference<GuardedOutputStream> finishedRequest() throws IOException {
    GuardedOutputStream stream = new GuardedOutputStream(new AcceptingOutputStream(), guard);
    stream.setWriteListener(IDLE);
    stream.write(new byte[100]);
    stream.finish();
    return new WeakReference<>(stream);
  }

  @Test
  void theFilterLetsGoOfAStreamOnceItsRequestEnded() throws Exception {
    WeakReference<GuardedOutputStream> stream = finishedRequest();

    for (int i = 0; i < 20 && stream.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }

    assertThat(stream.get()).isNull();
    assertThat(guard.defensiveCopies()).isEqualTo(1); // keeps the guard reachable until here
  }
}
