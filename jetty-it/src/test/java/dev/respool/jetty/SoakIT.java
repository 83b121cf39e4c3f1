// The full soak, 10,000 requests with bodies up to 8 MiB, on Jetty alone (about 2 minutes):
//
//   mvn -B -pl jetty-it -am verify -Dit.test=SoakIT -Dfailsafe.failIfNoSpecifiedTests=false \
//       -Drespool.soak.requests=10000 -Drespool.soak.maxBody=8388608
//
// The build runs 1,000 requests with bodies up to 1 MiB. The report goes to
// jetty-it/target/soak-report.txt.
package dev.respool.jetty;

import dev.respool.testkit.suite.SoakSuite;

/** The load and fault soak, on Jetty. */
class SoakIT extends SoakSuite {

  SoakIT() {
    super(new JettyContainer());
  }
}
