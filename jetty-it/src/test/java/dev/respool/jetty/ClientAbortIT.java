package dev.respool.jetty;

import dev.respool.testkit.suite.ClientAbortSuite;

/** Client aborts in every mode on Jetty. */
class ClientAbortIT extends ClientAbortSuite {

  ClientAbortIT() {
    super(new JettyContainer());
  }
}
