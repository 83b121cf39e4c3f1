package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The debug mode: protects like {@code copy}, and in addition reports each caller array that
 * changed between its write and the release signal.
 */
class DetectModeIT extends ModeSuite {

  @Override
  Mode mode() {
    return Mode.DETECT;
  }

  @Override
  Io[] intactIos() {
    return new Io[] {Io.BLOCKING, Io.ASYNC, Io.NAIVE};
  }

  /** The detector's log records, kept from before the first request. */
  private final List<LogRecord> reports = new CopyOnWriteArrayList<>();

  private final Handler collector = new Handler() {
    @Override
    public void publish(LogRecord record) {
      reports.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  void collectReports() {
    Logger.getLogger("dev.respool.detect").addHandler(collector);
  }

  @AfterAll
  void stopCollecting() {
    Logger.getLogger("dev.respool.detect").removeHandler(collector);
  }

  /**
   * The naive copy writes from one place, so however many bodies it sent, the log holds one
   * report, written for someone who has not read respool's code: the writer, the array, what
   * changed, what to do, and the stack starting at the write.
   */
  @Order(2)
  @Test
  void eachWriteSiteIsReportedOnceWithWhatToDo() {
    assertThat(reports).hasSize(1);
    LogRecord report = reports.get(0);
    assertThat(report.getLevel()).isEqualTo(Level.WARNING);
    assertThat(report.getMessage())
        .contains("dev.respool.testkit.NaiveAsyncCopy changed")
        .contains("byte[32768]@")
        .contains("refill the array only after isReady() returns true")
        .contains("Keep mode copy");
    assertThat(report.getThrown().getStackTrace()[0].getClassName())
        .isEqualTo("dev.respool.testkit.NaiveAsyncCopy");
  }

  /**
   * A 1 MiB body takes the naive copy 32 reads into one array, each made right after the previous
   * write returned, so the array changes under a pending write at least once.
   */
  @Order(3)
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void naiveRefillsAreDetected(Wire wire) throws Exception {
    RespoolStats before = server.assertLeasesReturned();

    server.get(wire, Io.NAIVE, Case.MIB, 37).assertIntact();

    RespoolStats after = server.assertLeasesReturned();
    assertThat(after.detections())
        .as("detections after a naive 1 MiB copy, in %s", after)
        .isGreaterThan(before.detections());
  }
}
