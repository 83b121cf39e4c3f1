package dev.respool.tomcat;

import dev.respool.testkit.suite.FailuresSuite;

/** Failed, closed and HEAD copies leave no lease out, on Tomcat. */
class FailuresIT extends FailuresSuite {

  FailuresIT() {
    super(new TomcatContainer());
  }

  /**
   * Tomcat 11.0.29 breaks a HEAD over h2c whose body is written in non-blocking mode, with or
   * without respool.
   */
  @Override
  protected boolean answersHeadOverH2cWithNonBlockingWrites() {
    return false;
  }
}
