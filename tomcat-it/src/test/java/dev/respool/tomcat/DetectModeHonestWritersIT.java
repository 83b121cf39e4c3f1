package dev.respool.tomcat;

import dev.respool.testkit.suite.DetectModeHonestWritersSuite;

/** Detect mode reports no honest writer on Tomcat. */
class DetectModeHonestWritersIT extends DetectModeHonestWritersSuite {

  DetectModeHonestWritersIT() {
    super(new TomcatContainer());
  }
}
