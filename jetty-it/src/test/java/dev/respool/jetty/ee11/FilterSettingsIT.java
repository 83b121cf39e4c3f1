package dev.respool.jetty.ee11;

import dev.respool.testkit.suite.FilterSettingsSuite;

/** A filter with a bad setting does not start on Jetty ee11, and says which setting it was. */
class FilterSettingsIT extends FilterSettingsSuite {

  FilterSettingsIT() {
    super(new JettyEe11Container());
  }
}
