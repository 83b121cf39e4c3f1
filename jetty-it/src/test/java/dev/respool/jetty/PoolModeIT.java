package dev.respool.jetty;

import dev.respool.testkit.suite.PoolModeSuite;

/** The pool-mode suite on Jetty. */
class PoolModeIT extends PoolModeSuite {

  PoolModeIT() {
    super(new JettyContainer());
  }
}
