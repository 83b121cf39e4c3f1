package dev.respool.jetty;

import dev.respool.Mode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards against the originating fault: a non-blocking copy that refills its array as soon as
 * write returns, while a slow client keeps the container's writes pending. Without the filter
 * this corrupts 64 MiB bodies on Jetty 12 over both protocols; in copy mode they must arrive byte
 * for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowReaderIT {

  private static final long LENGTH = 64 * Case.MIB;

  private TestServer server;

  @BeforeAll
  void startServer() throws Exception {
    server = TestServer.start(Mode.COPY);
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void naiveCopyToASlowReaderArrivesByteForByteInCopyMode(Wire wire) throws Exception {
    server
        .get(wire, Io.NAIVE, LENGTH, 53 + wire.ordinal(), BodyClient.Pace.SLOW)
        .assertIntact();

    server.assertLeasesReturned();
  }
}
