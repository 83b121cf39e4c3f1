package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModeTest {

  @Test
  void namesParseIgnoringCaseAndBlanks() {
    assertThat(Mode.parse(" Detect ", "test")).isEqualTo(Mode.DETECT);
    assertThat(Mode.parse("off", "test")).isEqualTo(Mode.OFF);
    assertThat(Mode.COPY.id()).isEqualTo("copy");
  }

  @Test
  void anUnknownNameIsRefusedWithTheValidOnes() {
    assertThatThrownBy(() -> Mode.parse("fast", "init-param 'mode'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown respool mode 'fast' from init-param 'mode'; valid modes are copy, pool,"
                + " detect, off");
  }
}
