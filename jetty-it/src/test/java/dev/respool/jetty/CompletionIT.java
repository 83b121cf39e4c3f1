package dev.respool.jetty;

import dev.respool.testkit.suite.CompletionSuite;

/** Completion right after a pending write, on Jetty. */
class CompletionIT extends CompletionSuite {

  CompletionIT() {
    super(new JettyContainer());
  }
}
