package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.Case;
import dev.respool.testkit.Io;
import dev.respool.testkit.LogCollector;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.Wire;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The debug mode: protects like {@code copy}, and in addition reports each caller array that
 * changed between its write and the release signal. The reports are read from {@code
 * java.util.logging}, where {@code System.Logger} sends them unless the JVM routes it elsewhere.
 */
public abstract class DetectModeSuite extends ModeSuite {

  /** The detector's log records, kept from before the first request. */
  private LogCollector reports;

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the server
   */
  protected DetectModeSuite(ServletContainer container) {
    super(container, Mode.DETECT, Io.BLOCKING, Io.ASYNC, Io.NAIVE);
  }

  /** Starts collecting the detector's reports. */
  @BeforeAll
  public void collectReports() {
    reports = LogCollector.start("dev.respool.detect");
  }

  /** Stops collecting the detector's reports. */
  @AfterAll
  public void stopCollecting() {
    if (reports != null) {
      reports.close();
    }
  }

  /**
   * The naive copy writes from one place, so however many bodies it sent, the log holds one
   * report, written for someone who has not read respool's code: the writer, the array, what
   * changed, in which request, what to do, and the stack starting at the write.
   */
  @Order(2)
  @Test
  public void eachWriteSiteIsReportedOnceWithWhatToDo() {
    List<LogRecord> records = reports.records();
    assertThat(records).hasSize(1);
    LogRecord report = records.get(0);
    assertThat(report.getLevel()).isEqualTo(Level.WARNING);
    assertThat(report.getMessage())
        .contains("dev.respool.testkit.NaiveAsyncCopy changed")
        .contains("byte[32768]@")
        .contains("before the container was done with them, in GET /bytes/")
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
  public void naiveRefillsAreDetected(Wire wire) throws Exception {
    RespoolStats before = server.assertLeasesReturned();

    server.get(wire, Io.NAIVE, Case.MIB, 37).assertIntact();

    RespoolStats after = server.assertLeasesReturned();
    assertThat(after.detections())
        .as("detections after a naive 1 MiB copy, in %s", after)
        .isGreaterThan(before.detections());
  }
}
