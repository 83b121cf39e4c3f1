package dev.respool.tomcat;

import dev.respool.testkit.suite.DetectModeSuite;

/** The detect-mode suite on Tomcat, the naive copy included. */
class DetectModeIT extends DetectModeSuite {

  DetectModeIT() {
    super(new TomcatContainer());
  }
}
