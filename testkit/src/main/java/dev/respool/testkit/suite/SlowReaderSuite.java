package dev.respool.testkit.suite;

import dev.respool.Mode;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.Case;
import dev.respool.testkit.Io;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.Wire;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards against the originating fault: a non-blocking copy that refills its array as soon as
 * write returns, while a slow client keeps the container's writes pending. Without the filter
 * this corrupts 64 MiB bodies on Jetty 12 over both protocols; in {@code copy} mode, or on a
 * container that copies written arrays itself, they must arrive byte for byte.
 */
public abstract class SlowReaderSuite extends ContainerSuite {

  private static final long LENGTH = 64 * Case.MIB;

  private final Mode mode;

  private ServerUnderTest server;

  /**
   * Runs the suite on {@code container}, with the filter in {@code mode}.
   *
   * @param container the container that starts the server
   * @param mode the filter's mode, in which the naive copy must arrive intact on this container
   */
  protected SlowReaderSuite(ServletContainer container, Mode mode) {
    super(container);
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** Starts the demo server in the mode of this suite. */
  @Override
  protected void startServers() throws Exception {
    server = stopAfterAll(container().startDemo(mode));
  }

  /** The naive 64 MiB copy arrives byte for byte at a slow reader. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void naiveCopyToASlowReaderArrivesByteForByte(Wire wire) throws Exception {
    server
        .get(wire, Io.NAIVE, LENGTH, 53 + wire.ordinal(), BodyClient.Pace.SLOW)
        .assertIntact();

    server.assertLeasesReturned();
  }
}
