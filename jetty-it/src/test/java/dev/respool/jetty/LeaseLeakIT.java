package dev.respool.jetty;

import dev.respool.testkit.suite.LeaseLeakSuite;

/** Leases that requests forget are reported in detect mode, on Jetty. */
class LeaseLeakIT extends LeaseLeakSuite {

  LeaseLeakIT() {
    super(new JettyContainer());
  }
}
