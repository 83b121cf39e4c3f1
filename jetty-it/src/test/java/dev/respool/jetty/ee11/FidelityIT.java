package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.FidelitySuite;

/** Random scripts of response operations get the same answers on Jetty ee11 with the filter. */
class FidelityIT extends FidelitySuite {

  FidelityIT() {
    super(new JettyEe11Container());
  }

  /** Jetty 12.1.14 never completes a flush in non-blocking mode during a HEAD over h2c. */
  @Override
  protected boolean endsNonBlockingHeadOverH2c() {
    return false;
  }
}
