package dev.respool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

  @Test
  void noArgumentsGiveTheDefaults() {
    Options options = Options.parse();

    assertThat(options).isEqualTo(Options.defaults());
    assertThat(options.durationSeconds()).isEqualTo(5);
    assertThat(options.warmupSeconds()).isEqualTo(2);
    assertThat(options.rounds()).isEqualTo(3);
    assertThat(options.sizes()).containsExactly(1024, 1048576);
    assertThat(options.containers()).containsExactly(Container.JETTY, Container.TOMCAT);
    assertThat(options.variants())
        .containsExactly(Variant.NOFILTER, Variant.OFF, Variant.POOL, Variant.COPY, Variant.DETECT);
    assertThat(options.protocols()).containsExactly(Protocol.H1, Protocol.H2C);
    assertThat(options.connections()).isEqualTo(16);
    assertThat(options.streams()).isEqualTo(8);
    assertThat(options.out()).isEqualTo(Path.of("respool-e2e.json"));
  }

  @Test
  void eachOptionTakesItsValueAfterASpaceOrAnEqualsSign() {
    Options options = Options.parse(
        "--duration",
        "3",
        "--warmup=0",
        "--rounds",
        "1",
        "--sizes=1,1048576",
        "--containers",
        "Tomcat",
        "--variants",
        "COPY, nofilter",
        "--protocols=h2c",
        "--connections",
        "4",
        "--streams=2",
        "--seed",
        "-7",
        "--out",
        "none");

    assertThat(options)
        .isEqualTo(new Options(
            3,
            0,
            1,
            List.of(1, 1048576),
            List.of(Container.TOMCAT),
            List.of(Variant.COPY, Variant.NOFILTER),
            List.of(Protocol.H2C),
            4,
            2,
            -7,
            null,
            false));
  }

  @Test
  void aListKeepsTheFirstOfRepeatedItems() {
    assertThat(Options.parse("--variants", "copy,off,copy").variants())
        .containsExactly(Variant.COPY, Variant.OFF);
  }

  @Test
  void containersAreMeasuredInTheOrderGiven() {
    assertThat(Options.parse("--containers=tomcat,jetty,tomcat").containers())
        .containsExactly(Container.TOMCAT, Container.JETTY);
    assertThat(Options.parse("--containers", " jetty ").containers())
        .containsExactly(Container.JETTY);
  }

  @Test
  void helpWinsOverEverythingAfterIt() {
    assertThat(Options.parse("--rounds", "1", "--help", "--bogus").help()).isTrue();
    assertThat(Options.parse("-h").help()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "--bogus               | unknown option '--bogus'; valid options are --duration, --warmup,",
        "extra                 | unexpected argument 'extra'",
        "--duration            | --duration needs a value, for example --duration 5",
        "--duration 0          | --duration must be a whole number from 1 to 3600, got '0'",
        "--duration 1.5        | --duration must be a whole number from 1 to 3600, got '1.5'",
        "--warmup -1           | --warmup must be a whole number from 0 to 3600, got '-1'",
        "--rounds x            | --rounds must be a whole number from 1 to 1000, got 'x'",
        "--sizes 1024,0        | --sizes must be a whole number from 1 to 67108864, got '0'",
        "--sizes 1024,,2       | --sizes needs a comma-separated list without empty items",
        "--variants copy,fast  | --variants: unknown variant 'fast'; valid variants are"
            + " nofilter,off,pool,copy,detect",
        "--containers undertow | --containers: unknown container 'undertow'; valid containers are"
            + " jetty,tomcat",
        "--containers=jetty,,x | --containers needs a comma-separated list without empty items,"
            + " got 'jetty,,x'",
        "--containers          | --containers needs a value, for example --containers"
            + " jetty,tomcat",
        "--protocols h3        | --protocols: unknown protocol 'h3'; valid protocols are h1,h2c",
        "--connections 0       | --connections must be a whole number from 1 to 10000, got '0'",
        "--streams 0           | --streams must be a whole number from 1 to 1000, got '0'",
        "--seed x              | --seed must be a whole number",
        "--out=                | --out needs a file name, or none for no file",
      })
  void aBadCommandLineIsRejectedWithOneLineNamingTheOptionAndItsValues(
      String args, String message) {
    assertThatThrownBy(() -> Options.parse(args.split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining("\n");
  }

  @Test
  void theHarnessPrintsABadOptionOnOneLineAndExitsWith2() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = LoadHarness.run(
        new String[] {"--protocols", "h3"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(LoadHarness.USAGE_ERROR);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("respool e2e: --protocols: unknown protocol 'h3'; valid protocols are h1,h2c"
            + " (see --help)"
            + System.lineSeparator());
  }

  @Test
  void theHarnessPrintsABadContainerOnOneLineAndExitsWith2() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = LoadHarness.run(
        new String[] {"--containers=jetty,wildfly"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(LoadHarness.USAGE_ERROR);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("respool e2e: --containers: unknown container 'wildfly'; valid containers are"
            + " jetty,tomcat (see --help)"
            + System.lineSeparator());
  }

  @Test
  void helpPrintsTheUsage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status = LoadHarness.run(
        new String[] {"--help"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains(
            "--variants LIST",
            "--containers LIST any of jetty,tomcat (default jetty,tomcat)",
            "-Xms1g -Xmx1g",
            "apt-get install nghttp2-client wrk");
  }
}
