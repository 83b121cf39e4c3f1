package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.BadClientSuite;

/** Garbage requests and clients that leave early leave no lease out, on Jetty ee11. */
class BadClientIT extends BadClientSuite {

  BadClientIT() {
    super(new JettyEe11Container());
  }
}
