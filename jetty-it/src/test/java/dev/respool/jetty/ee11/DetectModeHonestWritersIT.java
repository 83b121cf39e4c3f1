package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.DetectModeHonestWritersSuite;

/** Detect mode reports no honest writer, on Jetty ee11. */
class DetectModeHonestWritersIT extends DetectModeHonestWritersSuite {

  DetectModeHonestWritersIT() {
    super(new JettyEe11Container());
  }
}
