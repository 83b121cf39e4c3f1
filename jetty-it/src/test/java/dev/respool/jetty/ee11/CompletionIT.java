package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.CompletionSuite;

/** Completion right after a pending write, on Jetty ee11. */
class CompletionIT extends CompletionSuite {

  CompletionIT() {
    super(new JettyEe11Container());
  }
}
