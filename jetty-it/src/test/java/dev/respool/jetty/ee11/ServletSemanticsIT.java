package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.ServletSemanticsSuite;

/** The guarded response answers as Jetty ee11's own. */
class ServletSemanticsIT extends ServletSemanticsSuite {

  ServletSemanticsIT() {
    super(new JettyEe11Container());
  }
}
