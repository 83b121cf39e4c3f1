package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.SharedConnectionResetSuite;

/** Two h2c streams on one connection, one of them reset, in every mode on Jetty ee11. */
class SharedConnectionResetIT extends SharedConnectionResetSuite {

  SharedConnectionResetIT() {
    super(new JettyEe11Container());
  }
}
