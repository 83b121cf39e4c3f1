package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.ClientAbortSuite;

/** Aborted bodies leave no lease out and spare their neighbours, on Jetty ee11. */
class ClientAbortIT extends ClientAbortSuite {

  ClientAbortIT() {
    super(new JettyEe11Container());
  }
}
