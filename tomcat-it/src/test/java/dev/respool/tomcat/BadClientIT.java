package dev.respool.tomcat;

import dev.respool.testkit.suite.BadClientSuite;

/** Garbage requests and clients that leave early leave no lease out, on Tomcat. */
class BadClientIT extends BadClientSuite {

  BadClientIT() {
    super(new TomcatContainer());
  }
}
