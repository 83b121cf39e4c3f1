package dev.respool.tomcat;

import dev.respool.testkit.suite.ClientAbortSuite;

/** Client aborts in every mode on Tomcat. */
class ClientAbortIT extends ClientAbortSuite {

  ClientAbortIT() {
    super(new TomcatContainer());
  }
}
