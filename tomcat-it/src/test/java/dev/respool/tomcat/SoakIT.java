// The full soak, 10,000 requests with bodies up to 8 MiB, on Tomcat alone (about 2 minutes):
//
//   mvn -B -pl tomcat-it -am verify -Dit.test=SoakIT -Dfailsafe.failIfNoSpecifiedTests=false \
//       -Drespool.soak.requests=10000 -Drespool.soak.maxBody=8388608
//
// The build runs 1,000 requests with bodies up to 1 MiB. The report goes to
// tomcat-it/target/soak-report.txt.
package dev.respool.tomcat;

import dev.respool.testkit.suite.SoakSuite;

/** The load and fault soak, on Tomcat. */
class SoakIT extends SoakSuite {

  SoakIT() {
    super(new TomcatContainer());
  }

  /**
   * Tomcat 11.0.29 sometimes leaves the tail of an h2c response written with non-blocking writes
   * unsent, and the stream open, after its client stalled; so it does with the filter off.
   */
  @Override
  protected boolean finishesStalledNonBlockingH2cResponses() {
    return false;
  }

  /**
   * Tomcat 11.0.29 sometimes closes a whole h2 connection when the client resets a stream whose
   * non-blocking write waits for the connection's window; so it does with the filter off.
   */
  @Override
  protected boolean keepsH2cConnectionsWhenAStreamIsReset() {
    return false;
  }
}
