package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.FailuresSuite;

/** Failed, closed and HEAD copies leave no lease out, on Jetty ee11. */
class FailuresIT extends FailuresSuite {

  FailuresIT() {
    super(new JettyEe11Container());
  }
}
