package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The debug mode: protects like {@code copy}, and in addition reports each caller array that
 * changed between its write and the release signal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectModeIT {

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

  static Stream<Case> cases() {
    return Case.matrix(Mode.DETECT, Io.values());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyBodyArrivesWholeAndEveryLeaseComesBack(Case c) throws Exception {
    server.get(c.wire(), c.io(), c.length(), c.seed()).assertIntact();

    server.assertLeasesReturned();
  }

  /**
   * A 1 MiB body takes the naive copy 32 reads into one array, each made right after the previous
   * write returned, so the array changes under a pending write at least once.
   */
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
