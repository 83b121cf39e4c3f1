package dev.respool.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.Mode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

  @Test
  void noArgumentsGiveTheDefaults() {
    assertThat(Options.parse()).isEqualTo(new Options("127.0.0.1", 8080, null, null, false));
  }

  @Test
  void eachOptionTakesItsValueAfterASpaceOrAnEqualsSign() {
    assertThat(Options.parse("--host", "0.0.0.0", "--port=0", "--mode", "DETECT"))
        .isEqualTo(new Options("0.0.0.0", 0, Mode.DETECT, null, false));
    assertThat(Options.parse("--host=::1", "--port", "65535", "--mode=off"))
        .isEqualTo(new Options("::1", 65535, Mode.OFF, null, false));
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
        "--war            | --war needs a value, for example --war examples/webapp/target/",
        "--war=           | --war needs a path",
        "--war no/such.war | --war 'no/such.war' does not exist",
      })
  void aBadCommandLineIsRejectedWithOneLineNamingTheOptionAndItsValues(
      String args, String message) {
    assertThatThrownBy(() -> Options.parse(args.split(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining("\n");
  }

  @Test
  void warTakesAWarFileOrAnUnpackedWarDirectory(@TempDir Path dir) throws IOException {
    Path file = war(dir.resolve("app.war"), "WEB-INF/web.xml");
    Path unpacked = Files.createDirectories(dir.resolve("app/WEB-INF")).getParent();

    assertThat(Options.parse("--war", file.toString(), "--port", "0"))
        .isEqualTo(new Options("127.0.0.1", 0, null, file, false));
    assertThat(Options.parse("--war=" + unpacked).war()).isEqualTo(unpacked);
  }

  @Test
  void aWarWithoutWebXmlIsStillAWar(@TempDir Path dir) throws IOException {
    // The annotated example has only WEB-INF/classes and WEB-INF/lib.
    Path file = war(dir.resolve("annotated.war"), "WEB-INF/classes/Filter.class");

    assertThat(Options.parse("--war", file.toString()).war()).isEqualTo(file);
  }

  @Test
  void modeAndWarTogetherAreRefusedInEitherOrder(@TempDir Path dir) throws IOException {
    String file = war(dir.resolve("app.war"), "WEB-INF/web.xml").toString();

    for (String[] args :
        new String[][] {{"--mode", "pool", "--war", file}, {"--war", file, "--mode=off"}}) {
      assertThatThrownBy(() -> Options.parse(args))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("--mode and --war cannot be combined")
          .hasMessageContaining("-Drespool.mode=")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void aFileThatIsNotAZipArchiveIsNotAWar(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("notes.war"), "not a zip\n");

    assertRefused(text, "--war '" + text + "' is not a WAR: not a zip archive");
  }

  @Test
  void anArchiveWithoutWebInfIsNotAWar(@TempDir Path dir) throws IOException {
    Path jar = war(dir.resolve("library.jar"), "META-INF/MANIFEST.MF");

    assertRefused(jar, "--war '" + jar + "' is not a WAR: the archive has no WEB-INF/");
  }

  @Test
  void aDirectoryWithoutWebInfIsNotAWar(@TempDir Path dir) {
    assertRefused(dir, "--war '" + dir + "' is not a WAR: the directory has no WEB-INF");
  }

  private static void assertRefused(Path war, String message) {
    assertThatThrownBy(() -> Options.parse("--war", war.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  /** A zip archive at {@code path} holding one empty entry of each name. */
  static Path war(Path path, String... entries) throws IOException {
    try (OutputStream file = Files.newOutputStream(path);
        ZipOutputStream zip = new ZipOutputStream(file, StandardCharsets.UTF_8)) {
      for (String entry : entries) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.closeEntry();
      }
    }
    return path;
  }
}
