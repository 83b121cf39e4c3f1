package dev.respool.jetty;

import dev.respool.testkit.suite.PatternRefillSuite;
import dev.respool.testkit.suite.WrittenArrays;

/**
 * The pattern refill on Jetty: Jetty reads written arrays after write returned, so without the
 * filter the refills reach the client.
 */
class PatternRefillIT extends PatternRefillSuite {

  PatternRefillIT() {
    super(new JettyContainer(), WrittenArrays.READ_LATER);
  }
}
