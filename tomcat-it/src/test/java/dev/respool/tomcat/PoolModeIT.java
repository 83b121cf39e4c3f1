package dev.respool.tomcat;

import dev.respool.testkit.suite.PoolModeSuite;

/** The pool-mode suite on Tomcat. */
class PoolModeIT extends PoolModeSuite {

  PoolModeIT() {
    super(new TomcatContainer());
  }
}
