package dev.respool.tomcat;

import dev.respool.Mode;
import dev.respool.testkit.suite.SlowReaderSuite;

/**
 * The slow reader that makes the naive copy corrupt its body on Jetty 12 without the filter gets
 * it intact from Tomcat 11 in {@code off} mode, because Tomcat copies the arrays written to it.
 */
class OffModeSlowReaderIT extends SlowReaderSuite {

  OffModeSlowReaderIT() {
    super(new TomcatContainer(), Mode.OFF);
  }
}
