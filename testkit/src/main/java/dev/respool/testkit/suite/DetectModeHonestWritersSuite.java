package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.Io;
import dev.respool.testkit.ServletContainer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Detect mode must not cry wolf: writers that wait for the release signal before reusing an array
 * are never reported. This server sees the blocking and async matrix and no naive copy at all.
 */
public abstract class DetectModeHonestWritersSuite extends ModeSuite {

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the server
   */
  protected DetectModeHonestWritersSuite(ServletContainer container) {
    super(container, Mode.DETECT, Io.BLOCKING, Io.ASYNC);
  }

  /** After the whole blocking and async matrix, nothing was detected. */
  @Order(2)
  @Test
  public void blockingAndAsyncCopiesAreNeverReported() throws Exception {
    RespoolStats stats = server.assertLeasesReturned();

    // Leases were taken, so the filter did handle the matrix's copies.
    assertThat(stats.acquires()).as("acquires, in %s", stats).isPositive();
    assertThat(stats.detections()).as("detections, in %s", stats).isZero();
  }
}
