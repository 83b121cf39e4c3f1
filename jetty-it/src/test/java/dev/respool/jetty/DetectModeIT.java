package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
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
