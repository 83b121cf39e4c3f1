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
 * Pool mode: respool's own leases still wait for their release signals, but arrays the
 * application owns go to the container as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolModeIT {

  private TestServer server;

  @BeforeAll
  void startServer() throws Exception {
    server = TestServer.start(Mode.POOL);
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  /**
   * Blocking and async only. The naive copy owns its array, and pool mode by design does not
   * protect arrays it does not own, so a naive body of several chunks may rightly arrive corrupted.
   */
  static Stream<Case> cases() {
    return Case.matrix(Mode.POOL, Io.BLOCKING, Io.ASYNC);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyBodyArrivesWholeAndEveryLeaseComesBack(Case c) throws Exception {
    server.get(c.wire(), c.io(), c.length(), c.seed()).assertIntact();

    server.assertLeasesReturned();
  }

  /**
   * A body shorter than one naive chunk is read once and the array is not touched again while it
   * is pending, so it arrives intact, and shows that pool mode sent the caller's array uncopied.
   */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void callerArraysGoToTheContainerUncopied(Wire wire) throws Exception {
    RespoolStats before = server.assertLeasesReturned();

    server.get(wire, Io.NAIVE, 8191, 43).assertIntact();

    RespoolStats after = server.assertLeasesReturned();
    assertThat(after.defensiveCopies())
        .as("defensive copies, in %s", after)
        .isEqualTo(before.defensiveCopies());
  }
}
