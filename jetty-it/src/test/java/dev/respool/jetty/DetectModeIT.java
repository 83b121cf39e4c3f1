package dev.respool.jetty;

import dev.respool.testkit.suite.DetectModeSuite;

/** The detect-mode suite on Jetty, the naive copy included. */
class DetectModeIT extends DetectModeSuite {

  DetectModeIT() {
    super(new JettyContainer());
  }
}
