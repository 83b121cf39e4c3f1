package dev.respool.bench.e2e;

import dev.respool.RespoolStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The harness's report: tables for people, JSON for programs. */
final class Report {

  private Report() {}

  /** Prints the medians of every cell and the ratios of each variant to {@code nofilter}. */
  static void print(Results results, PrintStream out) {
    Options options = results.options();
    out.println();
    out.printf(
        Locale.ROOT,
        "Medians of %d round(s) of %d s each (warm-up %d s); %s%n",
        options.rounds(),
        options.durationSeconds(),
        options.warmupSeconds(),
        loadSummary(options));
    out.println("alloc B/req: bytes allocated by the server's JVM per request it completed");
    out.println();
    out.printf(
        "%-9s %-9s %-5s %-8s %11s %9s %13s %7s  %s%n",
        "container",
        "variant",
        "proto",
        "size",
        "req/s",
        "p99 ms",
        "alloc B/req",
        "errors",
        "req/s by round");
    for (Results.Summary s : results.summaries()) {
      StringBuilder byRound = new StringBuilder();
      for (Measurement m : s.rounds()) {
        byRound.append(String.format(Locale.ROOT, " %.1f", m.tool().requestsPerSecond()));
      }
      out.printf(
          Locale.ROOT,
          "%-9s %-9s %-5s %-8s %11.1f %9.2f %13.1f %7d %s%n",
          s.cell().container().id(),
          s.cell().variant().id(),
          s.cell().protocol().id(),
          Cell.sizeLabel(s.cell().size()),
          s.requestsPerSecond(),
          s.p99Millis(),
          s.allocatedBytesPerRequest(),
          s.errors(),
          byRound);
    }

    out.println();
    List<Map<String, Object>> ratios = ratios(results);
    if (ratios.isEmpty()) {
      out.println("No ratios: the variant nofilter was not measured.");
      return;
    }
    out.println("Ratios to nofilter on the same container (variant median / nofilter median); the"
        + " last column is the difference variant - nofilter");
    out.printf(
        "%-9s %-9s %-5s %-8s %9s %13s %9s %13s%n",
        "container", "variant", "proto", "size", "req/s", "alloc B/req", "p99", "alloc B/req");
    for (Map<String, Object> ratio : ratios) {
      out.printf(
          Locale.ROOT,
          "%-9s %-9s %-5s %-8s %8.3fx %12.3fx %8.3fx %+13.1f%n",
          ratio.get("container"),
          ratio.get("variant"),
          ratio.get("protocol"),
          Cell.sizeLabel((Integer) ratio.get("size")),
          (Double) ratio.get("requestsPerSecond"),
          (Double) ratio.get("allocatedBytesPerRequest"),
          (Double) ratio.get("p99Millis"),
          (Double) ratio.get("allocatedBytesPerRequestMinusNofilter"));
    }
  }

  /** Writes the JSON report to {@code file}. */
  static void writeJson(Results results, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, Json.write(json(results)), StandardCharsets.UTF_8);
  }

  /** The JSON report as maps and lists. */
  static Map<String, Object> json(Results results) {
    Options options = results.options();
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("durationSeconds", options.durationSeconds());
    settings.put("warmupSeconds", options.warmupSeconds());
    settings.put("rounds", options.rounds());
    settings.put("sizes", options.sizes());
    settings.put("containers", options.containers().stream().map(Container::id).toList());
    settings.put("variants", options.variants().stream().map(Variant::id).toList());
    settings.put("protocols", options.protocols().stream().map(Protocol::id).toList());
    settings.put("connections", options.connections());
    settings.put("streamsPerConnection", options.streams());
    settings.put("seed", options.seed());
    root.put("settings", settings);
    root.put("environment", results.environment());
    root.put(
        "order",
        results.order().stream()
            .map(round -> round.stream().map(Cell::toString).toList())
            .toList());

    List<Object> cells = new ArrayList<>();
    for (Results.Summary s : results.summaries()) {
      Map<String, Object> cell = cellKey(s.cell());
      List<Object> rounds = new ArrayList<>();
      for (Measurement m : s.rounds()) {
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("round", m.round());
        round.put("requestsPerSecond", m.tool().requestsPerSecond());
        round.put("p99Millis", m.tool().p99Millis());
        round.put("allocatedBytesPerRequest", m.allocatedBytesPerRequest());
        round.put("completedRequests", m.tool().requests());
        round.put("errors", m.tool().errors());
        round.put("errorDetail", m.tool().errorDetail());
        round.put("serverCompletedRequests", m.server().completed());
        round.put("serverAbortedRequests", m.server().aborted());
        round.put("allocatedBytes", m.jvm().allocatedBytes());
        round.put("gcCount", m.jvm().gcCount());
        round.put("gcMillis", m.jvm().gcMillis());
        round.put("serverIdleAtEnd", m.idle());
        rounds.add(round);
      }
      cell.put("rounds", rounds);
      Map<String, Object> median = new LinkedHashMap<>();
      median.put("requestsPerSecond", s.requestsPerSecond());
      median.put("p99Millis", s.p99Millis());
      median.put("allocatedBytesPerRequest", s.allocatedBytesPerRequest());
      cell.put("median", median);
      cell.put("totalErrors", s.errors());
      cells.add(cell);
    }
    root.put("cells", cells);
    root.put("ratiosToNofilter", ratios(results));

    Map<String, Object> stats = new LinkedHashMap<>();
    results.respoolStats().forEach((container, byVariant) -> {
      Map<String, Object> counters = new LinkedHashMap<>();
      byVariant.forEach((variant, s) -> counters.put(variant.id(), counters(s)));
      stats.put(container.id(), counters);
    });
    root.put("respoolStatsAtEnd", stats);
    return root;
  }

  private static Map<String, Object> counters(RespoolStats s) {
    Map<String, Object> counters = new LinkedHashMap<>();
    counters.put("mode", s.mode());
    counters.put("leasesOut", s.leasesOut());
    counters.put("acquires", s.acquires());
    counters.put("hits", s.hits());
    counters.put("misses", s.misses());
    counters.put("returned", s.returned());
    counters.put("dropped", s.dropped());
    counters.put("abandoned", s.abandoned());
    counters.put("pooledBytes", s.pooledBytes());
    counters.put("defensiveCopies", s.defensiveCopies());
    counters.put("detections", s.detections());
    counters.put("leaks", s.leaks());
    return counters;
  }

  /**
   * For each container, variant other than {@code nofilter}, protocol and size: the variant's
   * medians divided by those of {@code nofilter} on the same container, and the difference of
   * their allocated bytes per request. Empty when {@code nofilter} was not measured.
   */
  static List<Map<String, Object>> ratios(Results results) {
    List<Map<String, Object>> ratios = new ArrayList<>();
    for (Results.Summary s : results.summaries()) {
      if (s.cell().variant() == Variant.NOFILTER) {
        continue;
      }
      Optional<Results.Summary> base = results.summary(new Cell(
          s.cell().container(), Variant.NOFILTER, s.cell().protocol(), s.cell().size()));
      if (base.isEmpty()) {
        continue;
      }
      Map<String, Object> ratio = cellKey(s.cell());
      ratio.put("requestsPerSecond", s.requestsPerSecond() / base.get().requestsPerSecond());
      ratio.put(
          "allocatedBytesPerRequest",
          s.allocatedBytesPerRequest() / base.get().allocatedBytesPerRequest());
      ratio.put("p99Millis", s.p99Millis() / base.get().p99Millis());
      ratio.put(
          "allocatedBytesPerRequestMinusNofilter",
          s.allocatedBytesPerRequest() - base.get().allocatedBytesPerRequest());
      ratios.add(ratio);
    }
    return ratios;
  }

  private static Map<String, Object> cellKey(Cell cell) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("container", cell.container().id());
    key.put("variant", cell.variant().id());
    key.put("protocol", cell.protocol().id());
    key.put("size", cell.size());
    return key;
  }

  private static String loadSummary(Options options) {
    List<String> parts = new ArrayList<>();
    for (Protocol protocol : options.protocols()) {
      parts.add(
          protocol == Protocol.H2C
              ? "h2c: h2load -t1 -c" + options.connections() + " -m" + options.streams()
              : "h1: wrk -t1 -c" + options.connections());
    }
    return String.join(", ", parts);
  }
}
