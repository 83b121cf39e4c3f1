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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's sections on the virtual-thread run and the end-to-end run. */
final class CustomSections {

  private CustomSections() {}

  static void virtualThreads(Report report) throws IOException {
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

  // ---------------------------------------------------------------------------------------------
  // End to end

  /** One cell of the end-to-end run: medians over its rounds. */
  record Cell(
      String variant,
      String protocol,
      long size,
      double requestsPerSecond,
      double p99Millis,
      double bytesPerRequest,
      double minRequestsPerSecond,
      double maxRequestsPerSecond,
      long errors) {}

  static void endToEnd(Report report) throws IOException {
    Path file = report.file("end-to-end.json");
    if (!Files.exists(file)) {
      return;
    }
    JsonObject root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(reader).getAsJsonObject();
    }
    List<Cell> cells = new ArrayList<>();
    for (JsonElement element : root.getAsJsonArray("cells")) {
      JsonObject cell = element.getAsJsonObject();
      JsonObject median = cell.getAsJsonObject("median");
      double min = Double.MAX_VALUE;
      double max = 0;
      JsonArray rounds = cell.getAsJsonArray("rounds");
      for (JsonElement round : rounds) {
        double rate = round.getAsJsonObject().get("requestsPerSecond").getAsDouble();
        min = Math.min(min, rate);
        max = Math.max(max, rate);
      }
      cells.add(new Cell(
          cell.get("variant").getAsString(),
          cell.get("protocol").getAsString(),
          cell.get("size").getAsLong(),
          median.get("requestsPerSecond").getAsDouble(),
          median.get("p99Millis").getAsDouble(),
          median.get("allocatedBytesPerRequest").getAsDouble(),
          min,
          max,
          cell.get("totalErrors").getAsLong()));
    }
    JsonObject settings = root.getAsJsonObject("settings");
    report.line("## End to end: Jetty 12.1 under h2load (h2c) and wrk (HTTP/1.1)");
    report.line("");
    report.line(String.format(
        Locale.ROOT,
        "One JVM serves every variant from embedded Jetty on 127.0.0.1; `wrk -t1 -c%d` and"
            + " `h2load -t1 -c%d -m%d` load it for %d s per cell after a %d s warm-up, in"
            + " rounds of a shuffled order (%d); the figures are medians of the rounds. `nofilter`"
            + " copies with `InputStream.transferTo`; the other variants run the filter in that"
            + " mode and copy with `Respool.copy`. Allocation is the JVM's own count of bytes"
            + " allocated by all threads while the cell ran, divided by the requests the servlet"
            + " completed.",
        settings.get("connections").getAsInt(),
        settings.get("connections").getAsInt(),
        settings.get("streamsPerConnection").getAsInt(),
        settings.get("durationSeconds").getAsInt(),
        settings.get("warmupSeconds").getAsInt(),
        settings.get("rounds").getAsInt()));
    report.line("");
    List<String> keys = new ArrayList<>();
    for (Cell cell : cells) {
      String key = cell.protocol() + " " + cell.size();
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    keys.sort(null);
    for (String key : keys) {
      List<Cell> group =
          cells.stream().filter(c -> key.equals(c.protocol() + " " + c.size())).toList();
      Cell base =
          group.stream().filter(c -> c.variant().equals("nofilter")).findFirst().orElse(null);
      Cell first = group.get(0);
      String title = (first.protocol().equals("h1") ? "HTTP/1.1" : "h2c") + ", "
          + Report.sizeName(Long.toString(first.size())) + " bodies";
      report.line("| " + title + " | requests/s (rounds' range) | p99 | allocated per request"
          + " | requests/s vs nofilter | allocated vs nofilter | errors |");
      report.line("| --- | --- | --- | --- | --- | --- | --- |");
      for (Cell c : group) {
        report.line(String.format(
            Locale.ROOT,
            "| `%s` | %,.0f (%,.0f-%,.0f) | %.2f ms | %,.0f B | %s | %s | %d |",
            c.variant(),
            c.requestsPerSecond(),
            c.minRequestsPerSecond(),
            c.maxRequestsPerSecond(),
            c.p99Millis(),
            c.bytesPerRequest(),
            base == null ? "-" : ratio(c.requestsPerSecond() / base.requestsPerSecond()),
            base == null ? "-" : ratio(c.bytesPerRequest() / base.bytesPerRequest()),
            c.errors()));
      }
      report.line("");
      if (base == null) {
        continue;
      }
      String where = title;
      Cell off = find(group, "off");
      for (Cell c : group) {
        double rate = c.requestsPerSecond() / base.requestsPerSecond();
        if (c.variant().equals("copy")) {
          report.verdict(
              "end to end, `copy` at least 0.98x the requests/s of `nofilter`, " + where,
              ratio(rate) + " (nofilter's rounds: "
                  + String.format(
                      Locale.ROOT,
                      "%,.0f-%,.0f",
                      base.minRequestsPerSecond(),
                      base.maxRequestsPerSecond())
                  + ")",
              rate >= 0.98,
              String.format(Locale.ROOT, "by %.1f %%", (1 - rate / 0.98) * 100));
          double bytes = c.bytesPerRequest() / base.bytesPerRequest();
          String measured = String.format(
              Locale.ROOT,
              "%,.0f B vs %,.0f B: %s",
              c.bytesPerRequest(),
              base.bytesPerRequest(),
              ratio(bytes));
          String cause = "";
          if (off != null) {
            // The off variant runs the same copy without the filter's wrappers: what is left is
            // the container's own allocation, which no filter can remove.
            cause = String.format(
                Locale.ROOT,
                "; Jetty alone (`off`) allocates %,.0f B per request, %s of nofilter's, and the"
                    + " filter adds %,.0f B",
                off.bytesPerRequest(),
                ratio(off.bytesPerRequest() / base.bytesPerRequest()),
                c.bytesPerRequest() - off.bytesPerRequest());
          }
          report.verdict(
              "end to end, `copy` allocates at most 10 % of `nofilter`'s bytes per request, "
                  + where,
              measured,
              bytes <= 0.10,
              String.format(Locale.ROOT, "(%.0f %% instead of 10 %%)", bytes * 100) + cause);
        }
        if (c.variant().equals("detect")) {
          report.verdict(
              "end to end, `detect` at least 0.5x the requests/s of `nofilter`, " + where,
              ratio(rate),
              rate >= 0.5,
              String.format(Locale.ROOT, "by %.1f %%", (1 - rate / 0.5) * 100));
        }
      }
    }
  }

  private static Cell find(List<Cell> group, String variant) {
    return group.stream().filter(c -> c.variant().equals(variant)).findFirst().orElse(null);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2fx", value);
  }
}
