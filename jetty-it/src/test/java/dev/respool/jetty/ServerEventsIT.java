package dev.respool.jetty;

import dev.respool.testkit.suite.ServerEventsSuite;

/** A server stopped during writes and a client stalled past the idle timeout, on Jetty. */
class ServerEventsIT extends ServerEventsSuite {

  ServerEventsIT() {
    super(new JettyContainer());
  }
}
