package dev.respool.tomcat;

import dev.respool.testkit.suite.CompletionSuite;

/** Completion right after a pending write, on Tomcat. */
class CompletionIT extends CompletionSuite {

  CompletionIT() {
    super(new TomcatContainer());
  }
}
