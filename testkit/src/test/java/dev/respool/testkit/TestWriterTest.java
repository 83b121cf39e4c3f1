package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.BufferPool;
import dev.respool.Mode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TestWriterTest {

  private final AtomicInteger writesPossible = new AtomicInteger();
  private final AtomicReference<Throwable> error = new AtomicReference<>();
  private final WriteListener listener = new WriteListener() {
    @Override
    public void onWritePossible() {
      writesPossible.incrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
      error.set(t);
    }
  };

  private static byte[] filled(int value) {
    byte[] array = new byte[100];
    Arrays.fill(array, (byte) value);
    return array;
  }

  /** Writes ones, refills the array with twos at once, then completes the write. */
  private static byte[] writeRefillComplete(TestWriter writer) throws Exception {
    byte[] array = filled(1);
    writer.write(array, 0, array.length);
    Arrays.fill(array, (byte) 2);
    writer.completeWrites();
    return writer.sent();
  }

  @Test
  void anHonestWriterSendsWhatWasWritten() throws Exception {
    TestWriter writer = new TestWriter(TestWriter.Behaviour.HONEST);
    writer.setWriteListener(listener);

    assertThat(writeRefillComplete(writer)).isEqualTo(filled(1));
  }

  @Test
  void aRetainingWriterSendsTheRefill() throws Exception {
    TestWriter writer = new TestWriter(TestWriter.Behaviour.READS_LATER);
    writer.setWriteListener(listener);

    assertThat(writeRefillComplete(writer)).isEqualTo(filled(2));
    assertThat(writesPossible).hasValue(1);
  }

  @Test
  void blockingWritesAreCopiedWhateverTheBehaviour() throws Exception {
    TestWriter writer = new TestWriter(TestWriter.Behaviour.READS_LATER);

    assertThat(writeRefillComplete(writer)).isEqualTo(filled(1));
  }

  @Test
  void aRetainingWriterRefusesASecondWriteBeforeIsReadyButAQueueTakesIt() throws Exception {
    TestWriter strict = new TestWriter(TestWriter.Behaviour.READS_LATER);
    strict.setWriteListener(listener);
    strict.write(filled(1));
    assertThat(strict.isReady()).isFalse();
    assertThatThrownBy(() -> strict.write(filled(1))).isInstanceOf(IllegalStateException.class);

    TestWriter queue = new TestWriter(TestWriter.Behaviour.QUEUES);
    queue.setWriteListener(listener);
    byte[] array = filled(1);
    queue.write(array);
    queue.write(array);
    Arrays.fill(array, (byte) 3);
    queue.completeWrites();
    assertThat(queue.sent()).containsOnly(3).hasSize(200);
  }

  @Test
  void aWriterFailingMidWriteReportsTheErrorThenReadsTheArray() throws Exception {
    TestWriter writer = new TestWriter(TestWriter.Behaviour.READS_AFTER_ERROR);
    writer.setWriteListener(listener);

    assertThat(writeRefillComplete(writer)).isEqualTo(filled(2));
    assertThat(error.get()).hasMessageContaining("failed");
    assertThat(writesPossible).hasValue(0);
  }

  @Test
  void aWriterReadingAfterTheReleaseSignalSendsTheArrayAgain() throws Exception {
    TestWriter writer = new TestWriter(TestWriter.Behaviour.READS_AFTER_RELEASE);
    writer.setWriteListener(listener);
    byte[] array = filled(1);
    writer.write(array);
    writer.completeWrites();

    Arrays.fill(array, (byte) 4);
    writer.readAgain();

    byte[] sent = writer.sent();
    assertThat(Arrays.copyOfRange(sent, 0, 100)).containsOnly(1);
    assertThat(Arrays.copyOfRange(sent, 100, 200)).containsOnly(4);
  }

  @Test
  void behindTheGuardInCopyModeARetainingWriterSendsWhatWasWritten() throws Exception {
    TestWriter writer = new TestWriter(TestWriter.Behaviour.READS_LATER);
    BufferPool pool = new BufferPool();
    ServletOutputStream out = writer.guarded(Mode.COPY, pool);
    out.setWriteListener(listener);
    byte[] array = filled(1);

    out.write(array);
    Arrays.fill(array, (byte) 2);
    writer.completeWrites();

    assertThat(writer.sent()).isEqualTo(filled(1));
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @Test
  void behindTheGuardInPoolModeTheCallersArrayIsLeftToTheWriter() throws Exception {
    TestWriter writer = new TestWriter(TestWriter.Behaviour.READS_LATER);
    ServletOutputStream out = writer.guarded(Mode.POOL, new BufferPool());
    out.setWriteListener(listener);
    byte[] array = filled(1);

    out.write(array);
    Arrays.fill(array, (byte) 2);
    writer.completeWrites();

    assertThat(writer.sent()).isEqualTo(filled(2));
  }

  @Test
  void writesCanCompleteOnAnotherThread() throws Exception {
    TestWriter writer = new TestWriter(TestWriter.Behaviour.READS_LATER);
    writer.setWriteListener(listener);
    writer.write(filled(5));
    ExecutorService io = Executors.newSingleThreadExecutor();
    try {
      writer.completeWritesOn(io).get(10, TimeUnit.SECONDS);
    } finally {
      io.shutdownNow();
    }

    assertThat(writer.sent()).containsOnly(5);
    assertThat(writesPossible).hasValue(1);
  }
}
