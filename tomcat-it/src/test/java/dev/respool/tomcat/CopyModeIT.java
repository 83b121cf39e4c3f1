package dev.respool.tomcat;

import dev.respool.testkit.suite.CopyModeSuite;

/** The copy-mode suite (the default mode) on Tomcat. */
class CopyModeIT extends CopyModeSuite {

  CopyModeIT() {
    super(new TomcatContainer());
  }
}
