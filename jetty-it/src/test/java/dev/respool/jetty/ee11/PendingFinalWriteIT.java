package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.PendingFinalWriteSuite;

/** A final write still pending as the handler lets go, in every mode on Jetty ee11. */
class PendingFinalWriteIT extends PendingFinalWriteSuite {

  PendingFinalWriteIT() {
    super(new JettyEe11Container());
  }
}
