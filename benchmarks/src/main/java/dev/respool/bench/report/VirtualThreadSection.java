package dev.respool.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The report's section on the virtual-thread run, and its target. */
final class VirtualThreadSection {

  private VirtualThreadSection() {}

  /** Writes the section, if the run left {@code virtual-threads.json}. */
  static void write(Report report) throws IOException {
    Path file = report.file("virtual-threads.json");
    if (!Files.exists(file)) {
      return;
    }
    JsonObject root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(reader).getAsJsonObject();
    }
    JsonArray results = root.getAsJsonArray("results");
    if (results.isEmpty()) {
      return;
    }
    JsonObject first = results.get(0).getAsJsonObject();
    report.line("### Virtual threads");
    report.line("");
    report.line(String.format(
        Locale.ROOT,
        "`VirtualThreadPoolRun` on Java %s: %,d virtual threads per pool, each taking, touching"
            + " and giving back a %s array %d times and yielding while it holds one every %d"
            + " cycles. *Retained* is the heap still used after the run, after garbage"
            + " collection, with all threads alive and parked; *pooled* is the pool's own count,"
            + " sampled during the run.",
        root.get("java").getAsString(),
        first.get("threads").getAsLong(),
        Report.sizeName(root.get("size").getAsString()),
        first.get("cyclesPerThread").getAsLong(),
        root.get("yieldEvery").getAsInt()));
    report.line("");
    report.line(
        "| pool | time per cycle | retained | pooled, most | bound | arrays in two hands |");
    report.line("| --- | --- | --- | --- | --- | --- |");
    JsonObject respool = null;
    JsonObject threadLocal = null;
    for (JsonElement element : results) {
      JsonObject r = element.getAsJsonObject();
      String name = r.get("alternative").getAsString();
      if (name.equals(Report.COPIER)) {
        respool = r;
      } else if (name.equals("threadLocal")) {
        threadLocal = r;
      }
      long pooled = r.get("pooledBytesMax").getAsLong();
      long bound = r.get("bound").getAsLong();
      report.line(String.format(
          Locale.ROOT,
          "| `%s` | %s | %s | %s | %s | %d |",
          name,
          Report.time(r.get("nsPerOp").getAsDouble()),
          mib(r.get("retainedBytes").getAsLong()),
          pooled < 0 ? "-" : mib(pooled),
          bound < 0 ? "none" : mib(bound),
          r.get("clashes").getAsLong()));
    }
    report.line("");
    if (respool != null) {
      long pooled = respool.get("pooledBytesMax").getAsLong();
      long bound = respool.get("bound").getAsLong();
      long retained = respool.get("retainedBytes").getAsLong();
      String measured = "pooled at most " + mib(pooled) + " of " + mib(bound) + ", retained "
          + mib(retained)
          + (threadLocal == null
              ? ""
              : " (`threadLocal`: " + mib(threadLocal.get("retainedBytes").getAsLong()) + ")");
      report.verdict(
          "pool memory bounded with "
              + String.format(Locale.ROOT, "%,d", respool.get("threads").getAsLong())
              + " virtual threads",
          measured,
          pooled <= bound && respool.get("clashes").getAsLong() == 0,
          "(pooled above the bound)");
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
