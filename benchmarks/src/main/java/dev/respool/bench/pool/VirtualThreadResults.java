package dev.respool.bench.pool;

import dev.respool.bench.pool.VirtualThreadPoolRun.Result;
import dev.respool.bench.pool.VirtualThreadPoolRun.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** How {@link VirtualThreadPoolRun} prints and writes its results: a table, TSV or JSON. */
final class VirtualThreadResults {

  private VirtualThreadResults() {}

  static String header(Settings s) {
    return String.format(
        Locale.ROOT,
        "VirtualThreadPoolRun: Java %s, %d processors, max heap %s MiB; %d threads x %d cycles of"
            + " %d bytes, yield every %d, bound %s MiB, time limit %d s%s",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        mib(Runtime.getRuntime().maxMemory()),
        s.threads(),
        s.cyclesPerThread(),
        s.size(),
        s.yieldEvery(),
        mib(s.bound()),
        s.timeLimitSeconds(),
        s.warmUp() ? ", warm-up rounds on" : "");
  }

  private static final String ROW = "%-20s %8s %10s %12s %10s %9s %13s %13s %11s %8s";

  /** The results as a table with a header line. */
  static String table(List<Result> results) {
    StringBuilder table = new StringBuilder();
    table.append(String.format(
        Locale.ROOT,
        ROW,
        "alternative",
        "threads",
        "ops/thread",
        "total ops",
        "wall ms",
        "ns/op",
        "retained MiB",
        "pooled max MiB",
        "bound MiB",
        "clashes"));
    for (Result result : results) {
      table.append('\n').append(row(result));
    }
    return table.toString();
  }

  static String row(Result r) {
    return String.format(
        Locale.ROOT,
        ROW,
        r.alternative(),
        r.threads(),
        r.cyclesPerThread(),
        r.ops(),
        String.format(Locale.ROOT, "%.0f", r.wallNanos() / 1e6),
        String.format(Locale.ROOT, "%.0f", r.nsPerOp()),
        mib(r.retainedBytes()),
        r.pooledBytesMax() < 0 ? "n/a" : mib(r.pooledBytesMax()),
        r.bound() < 0 ? "none" : mib(r.bound()),
        r.clashes());
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
  }

  /** Writes the results as JSON if the name ends in {@code .json}, else as tab-separated values. */
  static void write(Path file, Settings settings, List<Result> results) throws IOException {
    String text = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
        ? json(settings, results)
        : tsv(results);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static final String[] COLUMNS = {
    "alternative",
    "threads",
    "cyclesPerThread",
    "ops",
    "wallNanos",
    "nsPerOp",
    "heapBaselineBytes",
    "heapAfterBytes",
    "retainedBytes",
    "pooledBytesMax",
    "pooledBytesEnd",
    "bound",
    "clashes"
  };

  private static Object[] values(Result r) {
    return new Object[] {
      r.alternative(),
      r.threads(),
      r.cyclesPerThread(),
      r.ops(),
      r.wallNanos(),
      Double.isFinite(r.nsPerOp()) ? Math.round(r.nsPerOp() * 10) / 10.0 : r.nsPerOp(),
      r.heapBaselineBytes(),
      r.heapAfterBytes(),
      r.retainedBytes(),
      r.pooledBytesMax(),
      r.pooledBytesEnd(),
      r.bound(),
      r.clashes()
    };
  }

  static String tsv(List<Result> results) {
    StringBuilder text = new StringBuilder(String.join("\t", COLUMNS)).append('\n');
    for (Result result : results) {
      Object[] values = values(result);
      for (int i = 0; i < values.length; i++) {
        text.append(i == 0 ? "" : "\t").append(values[i]);
      }
      text.append('\n');
    }
    return text.toString();
  }

  static String json(Settings settings, List<Result> results) {
    StringBuilder text = new StringBuilder("{\n");
    text.append("  \"java\": \"").append(Runtime.version()).append("\",\n");
    text.append("  \"processors\": ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(",\n");
    text.append("  \"maxHeapBytes\": ").append(Runtime.getRuntime().maxMemory()).append(",\n");
    text.append("  \"size\": ").append(settings.size()).append(",\n");
    text.append("  \"yieldEvery\": ").append(settings.yieldEvery()).append(",\n");
    text.append("  \"results\": [");
    for (int r = 0; r < results.size(); r++) {
      Object[] values = values(results.get(r));
      text.append(r == 0 ? "\n" : ",\n").append("    {");
      for (int i = 0; i < values.length; i++) {
        Object value = values[i];
        text.append(i == 0 ? "" : ", ").append('"').append(COLUMNS[i]).append("\": ");
        if (value instanceof String) {
          text.append('"').append(value).append('"');
        } else if (value instanceof Double number && !Double.isFinite(number)) {
          text.append("null");
        } else {
          text.append(value);
        }
      }
      text.append('}');
    }
    text.append("\n  ]\n}\n");
    return text.toString();
  }
}
