package dev.respool.jetty;

import dev.respool.testkit.suite.FailuresSuite;

/** Failed, closed and HEAD copies leave no lease out, on Jetty. */
class FailuresIT extends FailuresSuite {

  FailuresIT() {
    super(new JettyContainer());
  }
}
