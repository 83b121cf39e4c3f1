package dev.respool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One short real run per container: both tools against the copy variant, one round of 1 s. */
class LoadHarnessRunTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(Container.class)
  void measuresEveryCellWithBothTools(Container container, @TempDir Path directory)
      throws Exception {
    assumeTrue(Tools.find("wrk").isPresent(), "wrk is not installed");
    assumeTrue(Tools.find("h2load").isPresent(), "h2load is not installed");
    Options options = Options.parse(
        "--duration", "1",
        "--warmup", "1",
        "--rounds", "1",
        "--sizes", "1024",
        "--containers", container.id(),
        "--variants", "copy",
        "--protocols", "h1,h2c",
        "--connections", "4",
        "--streams", "4");
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Results results =
        LoadHarness.measure(options, new PrintStream(log, true, StandardCharsets.UTF_8));

    // Each body was checked over HTTP/1.1 and HTTP/2 before the load: a wrong one fails the run.
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("Checked every body of 1 server(s) over HTTP/1.1 and HTTP/2");
    assertThat(results.measurements()).hasSize(2);
    for (Measurement m : results.measurements()) {
      assertThat(m.cell().container()).isEqualTo(container);
      assertThat(m.tool().requests()).as("%s requests", m.cell()).isPositive();
      assertThat(m.tool().requestsPerSecond()).as("%s req/s", m.cell()).isPositive();
      assertThat(m.tool().p99Millis()).as("%s p99", m.cell()).isPositive();
      assertThat(m.tool().errors())
          .as("%s errors: %s", m.cell(), m.tool().errorDetail())
          .isZero();
      assertThat(m.server().completed()).as("%s completed", m.cell()).isPositive();
      assertThat(m.allocatedBytesPerRequest()).as("%s alloc/request", m.cell()).isPositive();
    }
    assertThat(results.respoolStats().keySet()).containsExactly(container);
    assertThat(results.respoolStats().get(container).get(Variant.COPY).hits()).isPositive();
    assertThat(results.respoolStats().get(container).get(Variant.COPY).leasesOut())
        .isZero();

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    Report.print(results, new PrintStream(table, true, StandardCharsets.UTF_8));
    assertThat(table.toString(StandardCharsets.UTF_8))
        .containsPattern(container.id() + " +copy +h1 +1 KiB +[0-9.]+ +[0-9.]+ +[0-9.]+ +0 ")
        .containsPattern(container.id() + " +copy +h2c +1 KiB +[0-9.]+ +[0-9.]+ +[0-9.]+ +0 ")
        .contains("No ratios: the variant nofilter was not measured.");

    Path json = directory.resolve("e2e.json");
    Report.writeJson(results, json);
    assertThat(Files.readString(json))
        .contains(
            "\"ratiosToNofilter\": []",
            "\"allocatedBytesPerRequest\"",
            "\"h2load nghttp2/",
            "\"container\": \"" + container.id() + "\"",
            "\"version\": \"" + container.version() + "\"");
  }

  @Test
  void aMissingToolIsNamedWithTheCommandThatInstallsIt() {
    assertThat(Tools.find("no-such-load-tool")).isEmpty();
    assertThatThrownBy(() -> Tools.require("no-such-load-tool"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no-such-load-tool is not on the PATH; install it with:"
            + " apt-get install nghttp2-client wrk");
  }
}
