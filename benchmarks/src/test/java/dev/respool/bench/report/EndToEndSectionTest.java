package dev.respool.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndToEndSectionTest {

  @TempDir
  Path results;

  /** One cell of the harness's JSON report, with one round at its median. */
  private static String cell(String container, String variant, double rate, double bytes) {
    String key = container == null ? "" : "\"container\":\"" + container + "\",";
    return String.format(
        Locale.ROOT,
        "{%s\"variant\":\"%s\",\"protocol\":\"h1\",\"size\":1024,"
            + "\"rounds\":[{\"requestsPerSecond\":%.1f}],"
            + "\"median\":{\"requestsPerSecond\":%.1f,\"p99Millis\":1.5,"
            + "\"allocatedBytesPerRequest\":%.1f},\"totalErrors\":0}",
        key,
        variant,
        rate,
        rate,
        bytes);
  }

  private String render(String environment, String... cells) throws IOException {
    Files.writeString(
        results.resolve("end-to-end.json"),
        "{\"settings\":{\"connections\":16,\"streamsPerConnection\":8,\"durationSeconds\":5,"
            + "\"warmupSeconds\":2,\"rounds\":1},\"environment\":" + environment + ",\"cells\":["
            + String.join(",", cells) + "]}");
    return new Report(results).render();
  }

  private static final String BOTH = "{\"containers\":{"
      + "\"jetty\":{\"version\":\"12.1.14\",\"maxThreads\":200},"
      + "\"tomcat\":{\"version\":\"11.0.29\",\"maxThreads\":\"200\"}}}";

  @Test
  void bothContainersShareOneTableWithRatiosToTheirOwnNofilter() throws IOException {
    String report = render(
        BOTH,
        cell("jetty", "nofilter", 1000, 10000),
        cell("jetty", "copy", 1000, 3000),
        cell("tomcat", "nofilter", 2000, 8000),
        cell("tomcat", "copy", 1000, 2000));

    assertThat(report)
        .contains("## End to end: Jetty 12.1 and Tomcat 11.0 under h2load (h2c) and wrk")
        .contains("from embedded Jetty and from embedded Tomcat, each from a server of its own")
        .contains("Each container's ratios are to its own `nofilter`.")
        .contains(
            "Connector settings: Jetty 12.1: `maxThreads` 200; Tomcat 11.0: `maxThreads` 200.")
        .contains("| HTTP/1.1, 1 KiB bodies | container | requests/s (rounds' range) |")
        .contains(
            "| `nofilter` | Jetty | 1,000 (1,000-1,000) | 1.50 ms | 10,000 B | 1.00x | 1.00x |")
        .contains("| `copy` | Jetty | 1,000 (1,000-1,000) | 1.50 ms | 3,000 B | 1.00x | 0.30x |")
        .contains(
            "| `nofilter` | Tomcat | 2,000 (2,000-2,000) | 1.50 ms | 8,000 B | 1.00x | 1.00x |")
        .contains("| `copy` | Tomcat | 1,000 (1,000-1,000) | 1.50 ms | 2,000 B | 0.50x | 0.25x |");
  }

  @Test
  void theTargetsAreCheckedOnJettyOnly() throws IOException {
    String report = render(
        BOTH,
        cell("jetty", "nofilter", 1000, 10000),
        cell("jetty", "off", 1000, 2900),
        cell("jetty", "copy", 1000, 3000),
        cell("tomcat", "nofilter", 2000, 8000),
        cell("tomcat", "copy", 1000, 2000));

    List<String> targets = new ArrayList<>();
    for (String line : report.split("\n")) {
      if (line.startsWith("| end to end")) {
        targets.add(line);
      }
    }
    assertThat(targets)
        .containsExactly(
            "| end to end, `copy` at least 0.98x the requests/s of `nofilter`, HTTP/1.1, 1 KiB"
                + " bodies | 1.00x (nofilter's rounds: 1,000-1,000) | met |",
            "| end to end, `copy` allocates at most 10 % of `nofilter`'s bytes per request,"
                + " HTTP/1.1, 1 KiB bodies | 3,000 B vs 10,000 B: 0.30x | missed (30 % instead of"
                + " 10 %); Jetty alone (`off`) allocates 2,900 B per request, 0.29x of"
                + " nofilter's, and the filter adds 100 B |");
    assertThat(report).contains("The targets are checked on Jetty");
  }

  @Test
  void aReportWrittenBeforeTomcatWasMeasuredReadsAsJetty() throws IOException {
    String report = render(
        "{\"jetty\":\"12.1.14\"}",
        cell(null, "nofilter", 1000, 10000),
        cell(null, "copy", 990, 3000));

    assertThat(report)
        .contains("## End to end: Jetty 12.1 under h2load (h2c) and wrk (HTTP/1.1)")
        .contains("| `copy` | Jetty | 990 (990-990) |")
        .contains("| end to end, `copy` at least 0.98x the requests/s of `nofilter`")
        .doesNotContain("Each container's ratios")
        .doesNotContain("Connector settings");
  }

  @Test
  void tomcatAloneGetsItsTablesButNoTargets() throws IOException {
    String report =
        render(BOTH, cell("tomcat", "nofilter", 2000, 8000), cell("tomcat", "copy", 1000, 2000));

    assertThat(report)
        .contains("## End to end: Tomcat 11.0 under h2load (h2c) and wrk (HTTP/1.1)")
        .contains("| `copy` | Tomcat | 1,000 (1,000-1,000) | 1.50 ms | 2,000 B | 0.50x | 0.25x |")
        .doesNotContain("| end to end");
  }
}
