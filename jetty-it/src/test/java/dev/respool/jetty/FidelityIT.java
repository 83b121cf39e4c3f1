package dev.respool.jetty;

import dev.respool.testkit.suite.FidelitySuite;

/** Random scripts of response operations get the same answers on Jetty with the filter. */
class FidelityIT extends FidelitySuite {

  FidelityIT() {
    super(new JettyContainer());
  }

  /** Jetty 12.1.14 never completes a flush in non-blocking mode during a HEAD over h2c. */
  @Override
  protected boolean endsNonBlockingHeadOverH2c() {
    return false;
  }
}
