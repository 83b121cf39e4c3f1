package dev.respool.tomcat;

import dev.respool.testkit.suite.RetentionSuite;
import dev.respool.testkit.suite.WrittenArrays;

/**
 * The naive copy to a slow reader on Tomcat: Tomcat copies written arrays before write returns, so
 * even without the filter the refills never reach the client.
 */
class RetentionIT extends RetentionSuite {

  RetentionIT() {
    super(new TomcatContainer(), WrittenArrays.COPIED_BY_WRITE);
  }
}
