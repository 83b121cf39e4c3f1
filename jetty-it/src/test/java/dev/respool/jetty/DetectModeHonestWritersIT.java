package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Detect mode must not cry wolf: writers that wait for the release signal before reusing an array
 * are never reported. This server sees the blocking and async matrix and no naive copy at all.
 */
class DetectModeHonestWritersIT extends ModeSuite {

  @Override
  Mode mode() {
    return Mode.DETECT;
  }

  @Override
  Io[] intactIos() {
    return new Io[] {Io.BLOCKING, Io.ASYNC};
  }

  @Order(2)
  @Test
  void blockingAndAsyncCopiesAreNeverReported() throws Exception {
    RespoolStats stats = server.assertLeasesReturned();

    // Leases were taken, so the filter did handle the matrix's copies.
    assertThat(stats.acquires()).as("acquires, in %s", stats).isPositive();
    assertThat(stats.detections()).as("detections, in %s", stats).isZero();
  }
}
