package dev.respool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.respool.BufferPool;
import dev.respool.DetectAction;
import dev.respool.Mode;
import dev.respool.RespoolViolationException;
import jakarta.servlet.WriteListener;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What detect mode reports about a caller array that changed before its release signal. */
class DetectorTest {

  private static final WriteListener IDLE = new WriteListener() {
    @Override
    public void onWritePossible() {}

    @Override
    public void onError(Throwable t) {}
  };

  private final RetainingOutputStream container = new RetainingOutputStream();
  private final LogCapture log = LogCapture.of("dev.respool.detect");

  @AfterEach
  void stopCapture() {
    log.close();
  }

  private Guard guard;

  private GuardedOutputStream guarded(DetectAction action) {
    guard = new Guard(Mode.DETECT, new BufferPool(1 << 20, true), action);
    GuardedOutputStream out =
        new GuardedOutputStream(container, guard, null, "GET /files/a.bin?part=2");
    out.setWriteListener(IDLE);
    return out;
  }

  private static byte[] filled(int size, int value) {
    byte[] array = new byte[size];
    Arrays.fill(array, (byte) value);
    return array;
  }

  /** One faulty write, always from this line, so that every call is the same write site. */
  private void writeAndRefill(OutputStream out) throws IOException {
    byte[] array = filled(100, 1);
    out.write(array);
    array[0] = 2;
    container.drain();
  }

  @Test
  void theReportNamesTheWriterWhatChangedAndTheRequest() throws IOException {
    GuardedOutputStream out = guarded(DetectAction.LOG);
    OutputStream buffered = new BufferedOutputStream(out, 16);
    byte[] array = filled(5_000, 1);

    buffered.write(array);
    array[4_000] = 9;
    array[4_002] = 9;
    container.drain();

    assertThat(log.records()).hasSize(1);
    LogRecord record = log.records().get(0);
    assertThat(record.getLevel()).isEqualTo(Level.WARNING);
    assertThat(LogCapture.message(record))
        .startsWith("respool detect: " + DetectorTest.class.getName() + " changed 2 of the 5000"
            + " bytes it wrote from byte[5000]@")
        .contains("(first at offset 4000)")
        .contains("in GET /files/a.bin?part=2.")
        .contains("This response is intact.");
    // The stack starts at the writer's own call, past the stream it wrote through.
    assertThat(record.getThrown().getStackTrace()[0].getClassName())
        .isEqualTo(DetectorTest.class.getName());
  }

  @Test
  void eachWriteSiteIsLoggedOnceAndEveryViolationCounted() throws IOException {
    GuardedOutputStream out = guarded(DetectAction.LOG);

    writeAndRefill(out);
    writeAndRefill(out);
    byte[] elsewhere = filled(100, 1);
    out.write(elsewhere);
    elsewhere[99] = 0;
    container.drain();

    assertThat(log.records()).hasSize(2);
    assertThat(guard.detector().detections()).isEqualTo(3);
  }

  @Test
  void withTheThrowActionTheReportSaysTheResponseEndsAndTheCauseStartsAtTheWriter()
      throws IOException {
    GuardedOutputStream out = guarded(DetectAction.THROW);
    byte[] array = filled(100, 1);
    out.write(array);
    array[0] = 2;
    container.completePendingWrite();

    RespoolViolationException thrown =
        catchThrowableOfType(RespoolViolationException.class, out::isReady);

    assertThat(thrown)
        .hasMessageContaining("detect-action is throw, so a RespoolViolationException now ends"
            + " this response early.");
    assertThat(thrown.getCause().getStackTrace()[0].getClassName())
        .isEqualTo(DetectorTest.class.getName());
    assertThat(log.records()).hasSize(1);
  }

  @Test
  void withDetectionOffNothingIsCheckedOrCounted() throws IOException {
    guard = new Guard(Mode.COPY, new BufferPool(), DetectAction.THROW);
    GuardedOutputStream out = new GuardedOutputStream(container, guard);
    out.setWriteListener(IDLE);

    writeAndRefill(out);

    assertThat(out.isReady()).isTrue();
    assertThat(guard.detector().detections()).isZero();
    assertThat(log.records()).isEmpty();
  }
}
