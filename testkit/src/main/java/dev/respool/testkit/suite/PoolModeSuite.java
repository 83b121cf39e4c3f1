package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.Io;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.Wire;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pool mode: respool's own leases still wait for their release signals, but arrays the
 * application owns go to the container as they are.
 */
public abstract class PoolModeSuite extends ModeSuite {

  /**
   * Runs the suite on {@code container}, expecting blocking and async bodies intact. The naive
   * copy owns its array, and pool mode by design does not protect arrays it does not own, so a
   * naive body of several chunks may rightly arrive corrupted.
   *
   * @param container the container that starts the server
   */
  protected PoolModeSuite(ServletContainer container) {
    super(container, Mode.POOL, Io.BLOCKING, Io.ASYNC);
  }

  /**
   * A body shorter than one naive chunk is read once and the array is not touched again while it
   * is pending, so it arrives intact, and shows that pool mode sent the caller's array uncopied.
   */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void callerArraysGoToTheContainerUncopied(Wire wire) throws Exception {
    RespoolStats before = server.assertLeasesReturned();

    server.get(wire, Io.NAIVE, 8191, 43).assertIntact();

    RespoolStats after = server.assertLeasesReturned();
    assertThat(after.defensiveCopies())
        .as("defensive copies, in %s", after)
        .isEqualTo(before.defensiveCopies());
  }
}
