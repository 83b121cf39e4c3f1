package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.RetentionSuite;
import dev.respool.testkit.suite.WrittenArrays;

/**
 * The naive copy to a slow reader on Jetty ee11: Jetty ee11 reads written arrays after write
 * returned, as ee10 does, so without the filter the refills reach the client.
 */
class RetentionIT extends RetentionSuite {

  RetentionIT() {
    super(new JettyEe11Container(), WrittenArrays.READ_LATER);
  }
}
