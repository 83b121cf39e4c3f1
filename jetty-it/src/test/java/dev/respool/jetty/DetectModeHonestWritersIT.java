package dev.respool.jetty;

import dev.respool.testkit.suite.DetectModeHonestWritersSuite;

/** Detect mode reports no honest writer on Jetty. */
class DetectModeHonestWritersIT extends DetectModeHonestWritersSuite {

  DetectModeHonestWritersIT() {
    super(new JettyContainer());
  }
}
