package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.LeaseLeakSuite;

/** Leases that requests forget are reported in detect mode, on Jetty ee11. */
class LeaseLeakIT extends LeaseLeakSuite {

  LeaseLeakIT() {
    super(new JettyEe11Container());
  }
}
