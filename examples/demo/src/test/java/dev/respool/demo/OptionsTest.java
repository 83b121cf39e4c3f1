package dev.respool.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

  @Test
  void noArgumentsGiveTheDefaults() {
    assertThat(Options.parse()).isEqualTo(new Options("127.0.0.1", 8080, null, false));
  }

  @Test
  void eachOptionTakesItsValueAfterASpaceOrAnEqualsSign() {
    assertThat(Options.parse("--host", "0.0.0.0", "--port=0", "--mode", "DETECT"))
        .isEqualTo(new Options("0.0.0.0", 0, Mode.DETECT, false));
    assertThat(Options.parse("--host=::1", "--port", "65535", "--mode=off"))
        .isEqualTo(new Options("::1", 65535, Mode.OFF, false));
  }

  @Test
  void helpWinsOverEverythingAfterIt() {
    assertThat(Options.parse("--port", "1", "--help", "--bogus").help()).isTrue();
    assertThat(Options.parse("-h").help()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--bogus          | unknown option '--bogus'; valid options are --host, --port, --mode",
        "extra            | unexpected argument 'extra'",
        "--port           | --port needs a value",
        "--port x         | --port must be a whole number from 0 to 65535, got 'x'",
        "--port 65536     | --port must be a whole number from 0 to 65535, got '65536'",
        "--port -1        | --port must be a whole number from 0 to 65535, got '-1'",
        "--port=          | --port must be a whole number from 0 to 65535, got ''",
        "--mode fast      | 'fast' from --mode; valid modes are copy, pool, detect, off",
        "--host=          | --host needs an address",
      })
  void aBadCommandLineIsRejectedWithOneLineNamingTheOptionAndItsValues(
      String args, String message) {
    assertThatThrownBy(() -> Options.parse(args.split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining("\n");
  }
}
