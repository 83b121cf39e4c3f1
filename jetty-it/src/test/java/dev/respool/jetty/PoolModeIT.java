package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pool mode: respool's own leases still wait for their release signals, but arrays the
 * application owns go to the container as they are.
 */
class PoolModeIT extends ModeSuite {

  @Override
  Mode mode() {
    return Mode.POOL;
  }

  /**
   * Blocking and async only. The naive copy owns its array, and pool mode by design does not
   * protect arrays it does not own, so a naive body of several chunks may rightly arrive corrupted.
   */
  @Override
  Io[] intactIos() {
    return new Io[] {Io.BLOCKING, Io.ASYNC};
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
