package dev.respool.bench.report;

import static dev.respool.bench.report.Report.COPIER;
import static dev.respool.bench.report.Report.REFERENCE;
import static dev.respool.bench.report.Report.bytes;
import static dev.respool.bench.report.Report.distinct;
import static dev.respool.bench.report.Report.sizeName;
import static dev.respool.bench.report.Report.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report's sections on copying a stream: every copy beside respool's, with its targets, and
 * the chunk-size sweep.
 */
final class CopySections {

  private final Report report;

  private CopySections(Report report) {
    this.report = report;
  }

  /** Writes the copy section, if the run left {@code copy.json}, and checks its targets. */
  static void copy(Report report) throws IOException {
    new CopySections(report).copy();
  }

  /** Writes the chunk-size section, if the run left {@code chunk.json}. */
  static void chunks(Report report) throws IOException {
    new CopySections(report).chunks();
  }

  private void copy() throws IOException {
    Path file = file("copy.json");
    if (!Files.exists(file)) {
      return;
    }
    List<JmhResult> rows = JmhResult.read(file);
    List<String> sizes = distinct(rows, r -> r.param("size"));
    List<String> methods = distinct(rows, JmhResult::method);
    line("## Copy: an InputStream into a sink that reads every byte");
    line("");
    line("JMH, one thread, `-prof gc`. The source is not a `ByteArrayInputStream`, whose own"
        + " `transferTo` would skip the copy. `" + REFERENCE + "` is no stream copy: it moves the"
        + " same chunks with `System.arraycopy`, the limit for any copy through an array.");
    line("");
    table(rows, sizes, methods, r -> time(r.median()), "time per copy");
    table(rows, sizes, methods, r -> bytes(r.allocated()), "allocated per copy");

    for (String size : sizes) {
      Optional<JmhResult> copier = find(rows, COPIER, size);
      Optional<JmhResult> best = rows.stream()
          .filter(r -> size.equals(r.param("size")))
          .filter(r -> !r.method().startsWith(COPIER) && !r.method().equals(REFERENCE))
          .min(Comparator.comparingDouble(JmhResult::median));
      if (copier.isEmpty()) {
        continue;
      }
      JmhResult c = copier.get();
      // With few operations per iteration, JMH's own allocations show as a few bytes per
      // operation: the reference, which allocates nothing, tells that floor.
      double floor = find(rows, REFERENCE, size).map(JmhResult::allocated).orElse(0.0);
      String allocated = bytes(c.allocated()) + " per copy";
      if (floor >= 0.5) {
        allocated += " (JMH's own, as `" + REFERENCE + "` shows: " + bytes(floor) + ")";
      }
      // No object takes less than 16 bytes, so less above the floor is no allocation per copy.
      double excess = c.allocated() - floor;
      verdict(
          "copier allocates 0 B at " + sizeName(size),
          allocated,
          excess < 16,
          "by " + bytes(excess));
      if (best.isPresent() && !size.equals("16777216")) {
        JmhResult b = best.get();
        double ratio = c.median() / b.median();
        String measured = String.format(
            Locale.ROOT,
            "%s vs %s (`%s`): %.2fx",
            time(c.median()),
            time(b.median()),
            b.method(),
            ratio);
        Optional<JmhResult> reference = find(rows, REFERENCE, size);
        if (reference.isPresent()) {
          // How far the best alternative is from the limit tells whether 0.95x is reachable.
          measured += String.format(
              Locale.ROOT,
              "; the arraycopy limit is %s, %.2fx the best alternative",
              time(reference.get().median()),
              reference.get().median() / b.median());
        }
        if (size.equals("1024")) {
          measured += leaseCost();
        }
        verdict(
            "copier at most 0.95x the best alternative at " + sizeName(size),
            measured,
            ratio <= 0.95,
            String.format(Locale.ROOT, "by %.1f %%", (ratio / 0.95 - 1) * 100));
      }
    }
  }

  /** What taking and returning a buffer costs respool and a ThreadLocal, from the pool run. */
  private String leaseCost() throws IOException {
    Path file = file("pool.json");
    if (!Files.exists(file)) {
      return "";
    }
    List<JmhResult> rows = JmhResult.read(file);
    Optional<JmhResult> lease = rows.stream()
        .filter(r -> r.threads() == 1 && COPIER.equals(r.param("alternative")))
        .findFirst();
    Optional<JmhResult> local = rows.stream()
        .filter(r -> r.threads() == 1 && "threadLocal".equals(r.param("alternative")))
        .findFirst();
    if (lease.isEmpty() || local.isEmpty()) {
      return "";
    }
    return "; a lease costs " + time(lease.get().median()) + " to take and return, a ThreadLocal"
        + " array " + time(local.get().median());
  }

  private void chunks() throws IOException {
    Path file = file("chunk.json");
    if (!Files.exists(file)) {
      return;
    }
    List<JmhResult> rows = JmhResult.read(file);
    List<String> sizes = distinct(rows, r -> r.param("size"));
    line("### Chunk size");
    line("");
    line("The same loop over one preallocated array, in chunks of each size.");
    line("");
    List<String> chunks = distinct(rows, r -> r.param("chunk"));
    line("| chunk | " + String.join(" | ", sizes.stream().map(Report::sizeName).toList()) + " |");
    line("| --- |" + " --- |".repeat(sizes.size()));
    for (String chunk : chunks) {
      StringBuilder row = new StringBuilder("| " + sizeName(chunk) + " |");
      for (String size : sizes) {
        row.append(' ')
            .append(rows.stream()
                .filter(r -> chunk.equals(r.param("chunk")) && size.equals(r.param("size")))
                .findFirst()
                .map(r -> time(r.median()))
                .orElse("-"))
            .append(" |");
      }
      line(row.toString());
    }
    line("");
  }

  private void table(
      List<JmhResult> rows,
      List<String> sizes,
      List<String> methods,
      Function<JmhResult, String> cell,
      String title) {
    line("| " + title + " | "
        + String.join(" | ", sizes.stream().map(Report::sizeName).toList()) + " |");
    line("| --- |" + " --- |".repeat(sizes.size()));
    for (String method : methods) {
      StringBuilder row = new StringBuilder("| `" + method + "` |");
      for (String size : sizes) {
        row.append(' ').append(find(rows, method, size).map(cell).orElse("-")).append(" |");
      }
      line(row.toString());
    }
    line("");
  }

  private static Optional<JmhResult> find(List<JmhResult> rows, String method, String size) {
    return rows.stream()
        .filter(r -> r.method().equals(method) && size.equals(r.param("size")))
        .findFirst();
  }

  private void line(String text) {
    report.line(text);
  }

  private void verdict(String target, String measured, boolean met, String missBy) {
    report.verdict(target, measured, met, missBy);
  }

  private Path file(String name) {
    return report.file(name);
  }
}
