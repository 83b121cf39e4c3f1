package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.DetectModeSuite;

/** The detect-mode suite on Jetty ee11. */
class DetectModeIT extends DetectModeSuite {

  DetectModeIT() {
    super(new JettyEe11Container());
  }
}
