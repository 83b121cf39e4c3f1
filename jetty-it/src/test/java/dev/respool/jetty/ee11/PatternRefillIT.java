package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.PatternRefillSuite;
import dev.respool.testkit.suite.WrittenArrays;

/**
 * The pattern refill on Jetty ee11: Jetty ee11 reads written arrays after write returned, as ee10
 * does, so without the filter the refills reach the client.
 */
class PatternRefillIT extends PatternRefillSuite {

  PatternRefillIT() {
    super(new JettyEe11Container(), WrittenArrays.READ_LATER);
  }
}
