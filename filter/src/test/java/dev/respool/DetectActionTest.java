package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectActionTest {

  @Test
  void namesParseIgnoringCase() {
    assertThat(DetectAction.parse(" THROW", "test")).isEqualTo(DetectAction.THROW);
    assertThat(DetectAction.LOG.id()).isEqualTo("log");
  }

  @Test
  void anUnknownNameIsRefusedWithTheValidOnes() {
    assertThatThrownBy(() -> DetectAction.parse("panic", "init-param 'detect-action'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Unknown respool detect action 'panic' from init-param 'detect-action'; valid actions"
                + " are log, throw");
  }
}
