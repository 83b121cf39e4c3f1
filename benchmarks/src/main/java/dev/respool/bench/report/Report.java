package dev.respool.bench.report;

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
import java.util.function.Predicate;

/**
 * Writes {@code benchmarks/RESULTS.md} from the files {@code benchmarks/run} leaves in its results
 * folder: the JMH JSON files, the virtual-thread table, the end-to-end table, the environment and
 * the commands. Every figure in the report comes from those files, and every target is checked
 * against them, so the report never says more than the run measured.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.respool.bench.report.Report \
 *     --results benchmarks/target/results --out benchmarks/RESULTS.md
 * </pre>
 */
public final class Report {

  static final String COPIER = "respool";
  static final String REFERENCE = "arraycopyReference";

  private final Path results;
  private final StringBuilder out = new StringBuilder();
  private final List<String> verdicts = new ArrayList<>();

  Report(Path results) {
    this.results = results;
  }

  /**
   * Writes the report.
   *
   * @param args {@code --results DIR --out FILE}
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> options = options(args);
    Path results = Path.of(options.getOrDefault("--results", "benchmarks/target/results"));
    Path target = Path.of(options.getOrDefault("--out", "benchmarks/RESULTS.md"));
    if (!Files.isDirectory(results)) {
      fail("--results " + results + " is not a folder; run benchmarks/run first");
    }
    try (var files = Files.list(results)) {
      if (files.noneMatch(f -> f.getFileName().toString().endsWith(".json"))) {
        fail("--results " + results + " holds no result files; run benchmarks/run first");
      }
    }
    String text = new Report(results).render();
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      fail("--out " + target + ": the folder " + parent + " does not exist");
    }
    Files.writeString(target, text, StandardCharsets.UTF_8);
    System.out.println("Report: wrote " + target);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        System.out.println("Usage: Report [--results DIR] [--out FILE]; defaults"
            + " benchmarks/target/results and benchmarks/RESULTS.md");
        System.exit(0);
      }
      if (!name.equals("--results") && !name.equals("--out")) {
        fail("unknown option '" + name + "'; valid options are --results DIR and --out FILE");
      }
      if (i + 1 == args.length) {
        fail(name + " needs a value");
      }
      options.put(name, args[++i]);
    }
    return options;
  }

  private static void fail(String message) {
    PrintStream err = System.err;
    err.println("Report: " + message);
    System.exit(2);
  }

  String render() throws IOException {
    line("# respool benchmark results");
    line("");
    line("Written by `benchmarks/run` (see the commands at the end); do not edit by hand.");
    line("Times are medians over all measured iterations; B/op is JMH's `gc.alloc.rate.norm`.");
    line("");
    if (quick()) {
      line("**A quick run** (`--quick`): short iterations and one round, to check that every"
          + " part runs. Its figures are not measurements to quote.");
      line("");
    }
    environment();
    // The summary of targets comes first, but the sections below fill it in.
    int summary = out.length();
    CopySections.copy(this);
    CopySections.chunks(this);
    pool();
    VirtualThreadSection.write(this);
    EndToEndSection.write(this);
    commands();
    StringBuilder targets = new StringBuilder("## Targets\n\n| target | measured | verdict |\n");
    targets.append("| --- | --- | --- |\n");
    verdicts.forEach(verdict -> targets.append(verdict).append('\n'));
    out.insert(summary, targets.append('\n'));
    return out.toString();
  }

  void line(String text) {
    out.append(text).append('\n');
  }

  void verdict(String target, String measured, boolean met, String missBy) {
    verdicts.add(
        "| " + target + " | " + measured + " | " + (met ? "met" : "missed " + missBy) + " |");
  }

  Path file(String name) {
    return results.resolve(name);
  }

  private void environment() throws IOException {
    Path file = file("environment.txt");
    if (!Files.exists(file)) {
      return;
    }
    line("## Machine");
    line("");
    for (String entry : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int colon = entry.indexOf(':');
      if (colon > 0) {
        line(
            "- " + entry.substring(0, colon) + ": " + entry.substring(colon + 1).trim());
      }
    }
    line("");
  }

  private boolean quick() throws IOException {
    Path file = file("environment.txt");
    return Files.exists(file)
        && Files.readAllLines(file, StandardCharsets.UTF_8).contains("quick: true");
  }

  private void commands() throws IOException {
    Path file = file("commands.txt");
    if (!Files.exists(file)) {
      return;
    }
    line("## Commands");
    line("");
    line(
        quick()
            ? "All of it: `benchmarks/run --quick`. Each step on its own:"
            : "All of it: `benchmarks/run` (about 35 minutes). Each step on its own:");
    line("");
    line("```");
    Files.readAllLines(file, StandardCharsets.UTF_8).forEach(this::line);
    line("```");
    line("");
  }

  // ---------------------------------------------------------------------------------------------
  // Pool

  private void pool() throws IOException {
    Path file = file("pool.json");
    if (!Files.exists(file)) {
      return;
    }
    List<JmhResult> rows = JmhResult.read(file);
    double cas = Double.NaN;
    if (Files.exists(file("cas.json"))) {
      cas = JmhResult.read(file("cas.json")).stream()
          .filter(method("twoCompareAndSets"))
          .mapToDouble(JmhResult::median)
          .findFirst()
          .orElse(Double.NaN);
    }
    line("## Pool: one acquire and one release of a 32 KiB array");
    line("");
    line("JMH, `-prof gc`; with 2 threads both use the same pool, and the time is per thread."
        + " `allocate` is a new array each time, for reference.");
    line("");
    List<String> alternatives = distinct(rows, r -> r.param("alternative"));
    List<Integer> threads =
        rows.stream().map(JmhResult::threads).distinct().sorted().toList();
    StringBuilder header = new StringBuilder("| pool |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (int t : threads) {
      header.append(' ').append(t).append(t == 1 ? " thread" : " threads").append(" |");
      rule.append(" --- |");
    }
    line(header.toString());
    line(rule.toString());
    for (String alternative : alternatives) {
      StringBuilder row = new StringBuilder("| `" + alternative + "` |");
      for (int t : threads) {
        row.append(' ')
            .append(rows.stream()
                .filter(r -> alternative.equals(r.param("alternative")) && r.threads() == t)
                .findFirst()
                .map(r -> time(r.median()) + ", " + bytes(r.allocated()))
                .orElse("-"))
            .append(" |");
      }
      line(row.toString());
    }
    line("");
    if (!Double.isNaN(cas)) {
      line(String.format(
          Locale.ROOT,
          "Two uncontended compare-and-sets on one field (`CasBenchmark`) take %s here: a lease"
              + " needs one to be taken and one to be given back, since a release may race with"
              + " an abandon on another thread, so this is the floor under respool's acquire and"
              + " release.",
          time(cas)));
      line("");
    }
    for (JmhResult r : rows) {
      if (!COPIER.equals(r.param("alternative"))) {
        continue;
      }
      double limit = r.threads() == 1 ? 10 : 20;
      String where = r.threads() == 1 ? "1 thread" : r.threads() + " threads, per thread";
      String measured = time(r.median());
      if (!Double.isNaN(cas)) {
        measured += " (two compare-and-sets: " + time(cas) + ")";
      }
      verdict(
          "pool acquire+release at most " + (int) limit + " ns, " + where,
          measured,
          r.median() <= limit,
          String.format(Locale.ROOT, "by %.1f %%", (r.median() / limit - 1) * 100));
      verdict(
          "pool allocates 0 B, " + where,
          bytes(r.allocated()) + " per acquire+release",
          r.allocated() < 0.5,
          "by " + bytes(r.allocated()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Shared

  static <T> List<String> distinct(List<T> rows, java.util.function.Function<T, String> key) {
    List<String> values = new ArrayList<>();
    for (T row : rows) {
      String value = key.apply(row);
      if (value != null && !values.contains(value)) {
        values.add(value);
      }
    }
    return values;
  }

  static String sizeName(String bytes) {
    long n = Long.parseLong(bytes);
    if (n >= 1 << 20 && n % (1 << 20) == 0) {
      return (n >> 20) + " MiB";
    }
    if (n >= 1024 && n % 1024 == 0) {
      return (n >> 10) + " KiB";
    }
    return n + " B";
  }

  static String time(double nanos) {
    if (Double.isNaN(nanos)) {
      return "-";
    }
    if (nanos < 100) {
      return String.format(Locale.ROOT, "%.1f ns", nanos);
    }
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.0f ns", nanos);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
    }
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  static String bytes(double bytes) {
    if (Double.isNaN(bytes)) {
      return "-";
    }
    if (bytes < 0.5) {
      return "0 B";
    }
    return String.format(Locale.ROOT, "%,.0f B", bytes);
  }

  static Predicate<JmhResult> method(String name) {
    return r -> r.method().equals(name);
  }
}
