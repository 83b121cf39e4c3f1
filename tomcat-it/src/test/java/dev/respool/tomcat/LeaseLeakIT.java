package dev.respool.tomcat;

import dev.respool.testkit.suite.LeaseLeakSuite;

/** Leases that requests forget are reported in detect mode, on Tomcat. */
class LeaseLeakIT extends LeaseLeakSuite {

  LeaseLeakIT() {
    super(new TomcatContainer());
  }
}
