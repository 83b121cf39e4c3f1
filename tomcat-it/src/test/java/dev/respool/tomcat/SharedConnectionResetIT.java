package dev.respool.tomcat;

import dev.respool.testkit.suite.SharedConnectionResetSuite;

/** Two h2c streams on one connection, one of them reset, in every mode on Tomcat. */
class SharedConnectionResetIT extends SharedConnectionResetSuite {

  SharedConnectionResetIT() {
    super(new TomcatContainer());
  }
}
