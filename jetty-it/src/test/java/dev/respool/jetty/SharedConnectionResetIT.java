package dev.respool.jetty;

import dev.respool.testkit.suite.SharedConnectionResetSuite;

/** Two h2c streams on one connection, one of them reset, in every mode on Jetty. */
class SharedConnectionResetIT extends SharedConnectionResetSuite {

  SharedConnectionResetIT() {
    super(new JettyContainer());
  }
}
