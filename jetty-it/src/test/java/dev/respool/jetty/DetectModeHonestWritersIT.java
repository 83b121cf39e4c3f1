package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Detect mode must not cry wolf: writers that wait for the release signal before reusing an array
 * are never reported. This server sees no naive copy at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectModeHonestWritersIT {

  private TestServer server;

  @BeforeAll
  void startServer() throws Exception {
    server = TestServer.start(Mode.DETECT);
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void blockingAndAsyncCopiesAreNeverReported() throws Exception {
    for (Case c : Case.matrix(Mode.DETECT, Io.BLOCKING, Io.ASYNC).toList()) {
      server.get(c.wire(), c.io(), c.length(), c.seed()).assertIntact();
    }

    RespoolStats stats = server.assertLeasesReturned();
    // Leases were taken, so the filter did handle these copies.
    assertThat(stats.acquires()).as("acquires, in %s", stats).isPositive();
    assertThat(stats.detections()).as("detections, in %s", stats).isZero();
  }
}
