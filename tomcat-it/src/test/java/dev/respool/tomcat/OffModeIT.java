package dev.respool.tomcat;

import dev.respool.Mode;
import dev.respool.testkit.Io;
import dev.respool.testkit.suite.ModeSuite;

/**
 * Tomcat 11 copies the arrays written to it, so even without the filter's protection the naive
 * copy, which refills its array as soon as write returns, arrives intact there: the whole matrix
 * in {@code off} mode, for every way of writing. On Jetty 12 the same naive bodies arrive
 * corrupted. This records a fact about one container version, not a promise; if it fails, Tomcat
 * started keeping arrays.
 */
class OffModeIT extends ModeSuite {

  OffModeIT() {
    super(new TomcatContainer(), Mode.OFF, Io.values());
  }
}
