package dev.respool.jetty;

import dev.respool.testkit.suite.ServletSemanticsSuite;

/** The guarded response answers as Jetty's own. */
class ServletSemanticsIT extends ServletSemanticsSuite {

  ServletSemanticsIT() {
    super(new JettyContainer());
  }
}
