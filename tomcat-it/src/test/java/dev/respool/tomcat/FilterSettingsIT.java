package dev.respool.tomcat;

import dev.respool.testkit.suite.FilterSettingsSuite;

/** A filter with a bad setting does not start on Tomcat, and says which setting it was. */
class FilterSettingsIT extends FilterSettingsSuite {

  FilterSettingsIT() {
    super(new TomcatContainer());
  }
}
