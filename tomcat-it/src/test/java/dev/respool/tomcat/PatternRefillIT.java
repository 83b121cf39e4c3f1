package dev.respool.tomcat;

import dev.respool.testkit.suite.PatternRefillSuite;
import dev.respool.testkit.suite.WrittenArrays;

/**
 * The pattern refill on Tomcat: Tomcat copies written arrays before write returns, so even without
 * the filter the refills never reach the client.
 */
class PatternRefillIT extends PatternRefillSuite {

  PatternRefillIT() {
    super(new TomcatContainer(), WrittenArrays.COPIED_BY_WRITE);
  }
}
