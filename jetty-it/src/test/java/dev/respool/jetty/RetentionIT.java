package dev.respool.jetty;

import dev.respool.testkit.suite.RetentionSuite;
import dev.respool.testkit.suite.WrittenArrays;

/**
 * The naive copy to a slow reader on Jetty: Jetty reads written arrays after write returned, so
 * without the filter the refills reach the client.
 */
class RetentionIT extends RetentionSuite {

  RetentionIT() {
    super(new JettyContainer(), WrittenArrays.READ_LATER);
  }
}
