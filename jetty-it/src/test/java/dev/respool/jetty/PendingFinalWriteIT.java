package dev.respool.jetty;

import dev.respool.testkit.suite.PendingFinalWriteSuite;

/** A final write still pending as the handler lets go, in every mode on Jetty. */
class PendingFinalWriteIT extends PendingFinalWriteSuite {

  PendingFinalWriteIT() {
    super(new JettyContainer());
  }
}
