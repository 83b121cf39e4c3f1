package dev.respool.testkit.suite;

import dev.respool.Mode;
import dev.respool.testkit.Case;
import dev.respool.testkit.Io;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The digest matrix for one mode, on a demo server of its own: every length over both protocols,
 * for each way of writing that the mode is expected to deliver intact. It runs first; the tests a
 * subclass adds run after it, on the same server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ModeSuite extends ContainerSuite {

  private final Mode mode;
  private final Io[] intactIos;

  /** The server of this class, in {@link #mode()}; null until the class starts. */
  protected ServerUnderTest server;

  /**
   * Runs the matrix on {@code container}.
   *
   * @param container the container that starts the server
   * @param mode the mode the server runs in
   * @param intactIos the ways of writing a body that the mode must deliver intact there
   */
  protected ModeSuite(ServletContainer container, Mode mode, Io... intactIos) {
    super(container);
    this.mode = Objects.requireNonNull(mode, "mode");
    this.intactIos = intactIos.clone();
  }

  /** The mode the server runs in. */
  protected final Mode mode() {
    return mode;
  }

  /** Starts the demo server in {@link #mode()}. */
  @Override
  protected void startServers() throws Exception {
    server = stopAfterAll(container().startDemo(mode));
  }

  /** The cases of the matrix: {@link Case#matrix} for the mode and its intact ways of writing. */
  protected Stream<Case> cases() {
    return Case.matrix(mode, intactIos);
  }

  /** A body of every length arrives byte for byte, and its leases all go back to the pool. */
  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  public void everyBodyArrivesWholeAndEveryLeaseComesBack(Case c) throws Exception {
    server.get(c.wire(), c.io(), c.length(), c.seed()).assertIntact();

    server.assertLeasesReturned();
  }
}
