package dev.respool.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  @TempDir
  Path results;

  /** One JMH result row as JMH writes it, with its iterations and its allocation. */
  private static String row(String method, String size, double[] times, double allocated) {
    StringBuilder raw = new StringBuilder();
    for (double time : times) {
      raw.append(raw.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", time));
    }
    return String.format(
        Locale.ROOT,
        "{\"benchmark\":\"dev.respool.bench.copy.CopyBenchmark.%s\",\"threads\":1,"
            + "\"params\":{\"size\":\"%s\"},"
            + "\"primaryMetric\":{\"scoreUnit\":\"ns/op\",\"rawData\":[[%s]]},"
            + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"rawData\":[[%.3f,%.3f]]}}}",
        method,
        size,
        raw,
        allocated,
        allocated);
  }

  private String render(String... rows) throws IOException {
    Files.writeString(results.resolve("copy.json"), "[" + String.join(",", rows) + "]");
    return new Report(results).render();
  }

  @Test
  void aCopierFasterThanEveryAlternativeMeetsItsTarget() throws IOException {
    String report = render(
        row("respool", "1024", new double[] {9, 10, 100}, 0),
        row("threadLocal8k", "1024", new double[] {20, 21, 22}, 0),
        row("arraycopyReference", "1024", new double[] {8, 8, 8}, 0));

    // Medians, not means: the outlier of 100 ns does not count.
    assertThat(report)
        .contains("| copier at most 0.95x the best alternative at 1 KiB | 10.0 ns vs"
            + " 21.0 ns (`threadLocal8k`): 0.48x");
    assertThat(report).containsPattern("at 1 KiB \\|[^\\n]*\\| met \\|");
    assertThat(report).contains("| copier allocates 0 B at 1 KiB | 0 B per copy | met |");
  }

  @Test
  void aSlowerCopierMissesByHowMuch() throws IOException {
    String report = render(
        row("respool", "32768", new double[] {120, 120, 120}, 0),
        row("jettyPool", "32768", new double[] {100, 100, 100}, 0));

    assertThat(report).contains("1.20x");
    assertThat(report).contains("missed by 26.3 %");
  }

  @Test
  void allocationIsJudgedAboveWhatTheReferenceShows() throws IOException {
    String report = render(
        row("respool", "16777216", new double[] {1, 1, 1}, 3),
        row("arraycopyReference", "16777216", new double[] {1, 1, 1}, 2),
        row("respool", "1048576", new double[] {1, 1, 1}, 40),
        row("arraycopyReference", "1048576", new double[] {1, 1, 1}, 2));

    assertThat(report)
        .contains("| copier allocates 0 B at 16 MiB | 3 B per copy (JMH's own, as"
            + " `arraycopyReference` shows: 2 B) | met |");
    assertThat(report)
        .contains("| copier allocates 0 B at 1 MiB | 40 B per copy (JMH's own, as"
            + " `arraycopyReference` shows: 2 B) | missed by 38 B |");
  }

  @Test
  void aQuickRunSaysItsFiguresAreNotToBeQuoted() throws IOException {
    Files.writeString(results.resolve("environment.txt"), "cpus: 2\nquick: true\n");

    String report = render(row("respool", "1024", new double[] {1}, 0));

    assertThat(report).contains("**A quick run**");
    assertThat(report).contains("- cpus: 2");
  }
}
