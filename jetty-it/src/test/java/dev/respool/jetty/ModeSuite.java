package dev.respool.jetty;

import dev.respool.Mode;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The digest matrix for one mode, on a demo server of its own: every length over both protocols,
 * for each way of writing the mode is expected to deliver intact. It runs first; the tests a
 * subclass adds run after it, on the same server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ModeSuite {

  /** The server of this class, in {@link #mode()}. */
  TestServer server;

  /** The mode the server runs in. */
  abstract Mode mode();

  /** The ways of writing a body that the mode must deliver intact. */
  abstract Io[] intactIos();

  @BeforeAll
  void startServer() throws Exception {
    server = TestServer.start(mode());
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  Stream<Case> cases() {
    return Case.matrix(mode(), intactIos());
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyBodyArrivesWholeAndEveryLeaseComesBack(Case c) throws Exception {
    server.get(c.wire(), c.io(), c.length(), c.seed()).assertIntact();

    server.assertLeasesReturned();
  }
}
