package dev.respool.tomcat;

import dev.respool.testkit.suite.FidelitySuite;

/** Random scripts of response operations get the same answers on Tomcat with the filter. */
class FidelityIT extends FidelitySuite {

  FidelityIT() {
    super(new TomcatContainer());
  }
}
