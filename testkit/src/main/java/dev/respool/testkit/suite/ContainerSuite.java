package dev.respool.testkit.suite;

import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of every shared suite: the container it runs on, and the servers it starts there for
 * the whole class. A container module runs a suite by extending it with a no-argument constructor
 * that passes its container, for example {@code CopyModeIT() { super(new JettyContainer()); }}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContainerSuite {

  private final ServletContainer container;

  /** The servers started for this class, the latest first. */
  private final Deque<ServerUnderTest> servers = new ArrayDeque<>();

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the servers of this suite
   */
  protected ContainerSuite(ServletContainer container) {
    this.container = Objects.requireNonNull(container, "container");
  }

  /**
   * Starts the servers the tests of this class use, through {@link #container()}, and passes each
   * to {@link #stopAfterAll}. Called once, before the first test.
   *
   * @throws Exception if a server cannot start; those already started are stopped after all
   */
  protected abstract void startServers() throws Exception;

  /** The container that starts the servers of this suite. */
  protected final ServletContainer container() {
    return container;
  }

  /**
   * Has {@code server} stopped after the last test of the class.
   *
   * @return {@code server}
   */
  protected final <S extends ServerUnderTest> S stopAfterAll(S server) {
    servers.push(server);
    return server;
  }

  /** Starts the servers of the class; see {@link #startServers()}. */
  @BeforeAll
  public final void beforeAll() throws Exception {
    startServers();
  }

  /** Stops every server the class started, even if one of them fails to stop. */
  @AfterAll
  public final void afterAll() throws Exception {
    Exception failure = null;
    while (!servers.isEmpty()) {
      try {
        servers.pop().stop();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
