package dev.respool.jetty;

import dev.respool.Mode;
import dev.respool.demo.DemoServer;
import dev.respool.testkit.ServerUnderTest;
import java.net.URI;

/** The demo server on loopback, started for one test class; the requests come from testkit. */
final class TestServer implements ServerUnderTest {

  private final DemoServer demo;

  private TestServer(DemoServer demo) {
    this.demo = demo;
  }

  /**
   * Starts a server in {@code mode} on a free port of 127.0.0.1, and checks that the filter really
   * runs in that mode.
   */
  static TestServer start(Mode mode) throws Exception {
    return ServerUnderTest.requireMode(
        new TestServer(DemoServer.start("127.0.0.1", 0, mode)), mode);
  }

  /** The demo server, for what the requests of {@link ServerUnderTest} do not cover. */
  DemoServer demo() {
    return demo;
  }

  @Override
  public URI uri() {
    return demo.uri();
  }

  @Override
  public void stop() throws Exception {
    demo.stop();
  }
}
