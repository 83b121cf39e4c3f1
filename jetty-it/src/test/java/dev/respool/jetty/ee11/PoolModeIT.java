package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.PoolModeSuite;

/** The pool-mode suite on Jetty ee11. */
class PoolModeIT extends PoolModeSuite {

  PoolModeIT() {
    super(new JettyEe11Container());
  }
}
