package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.CopyModeSuite;

/** The copy-mode suite (the default mode) on Jetty ee11. */
class CopyModeIT extends CopyModeSuite {

  CopyModeIT() {
    super(new JettyEe11Container());
  }
}
