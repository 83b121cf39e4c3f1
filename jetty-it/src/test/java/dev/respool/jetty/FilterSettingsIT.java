package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.RespoolFilter;
import dev.respool.testkit.suite.FilterSettingsSuite;
import org.junit.jupiter.api.Test;

/** A filter with a bad setting does not start on Jetty, and says which setting it was. */
class FilterSettingsIT extends FilterSettingsSuite {

  FilterSettingsIT() {
    super(new JettyContainer());
  }

  @Test
  void aFilterThatWasNeverInitializedHasNoRuntime() {
    assertThatThrownBy(() -> new RespoolFilter().respool())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not initialized");
  }
}
