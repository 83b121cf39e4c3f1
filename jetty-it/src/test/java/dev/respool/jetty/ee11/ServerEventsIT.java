package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.ServerEventsSuite;

/** A server stopped during writes and a client stalled past the idle timeout, on Jetty ee11. */
class ServerEventsIT extends ServerEventsSuite {

  ServerEventsIT() {
    super(new JettyEe11Container());
  }
}
