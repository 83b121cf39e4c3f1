package dev.respool.tomcat;

import dev.respool.testkit.suite.ServletSemanticsSuite;

/** The guarded response answers as Tomcat's own. */
class ServletSemanticsIT extends ServletSemanticsSuite {

  ServletSemanticsIT() {
    super(new TomcatContainer());
  }
}
