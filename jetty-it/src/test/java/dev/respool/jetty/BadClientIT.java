package dev.respool.jetty;

import dev.respool.testkit.suite.BadClientSuite;

/** Garbage requests and clients that leave early leave no lease out, on Jetty. */
class BadClientIT extends BadClientSuite {

  BadClientIT() {
    super(new JettyContainer());
  }
}
