package dev.respool.jetty;

import dev.respool.testkit.suite.CopyModeSuite;

/** The copy-mode suite (the default mode) on Jetty. */
class CopyModeIT extends CopyModeSuite {

  CopyModeIT() {
    super(new JettyContainer());
  }
}
