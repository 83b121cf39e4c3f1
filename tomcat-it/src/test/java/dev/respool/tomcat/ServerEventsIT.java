package dev.respool.tomcat;

import dev.respool.testkit.suite.ServerEventsSuite;

/** A server stopped during writes and a client stalled past the idle timeout, on Tomcat. */
class ServerEventsIT extends ServerEventsSuite {

  ServerEventsIT() {
    super(new TomcatContainer());
  }
}
