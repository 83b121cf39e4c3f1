package dev.respool.bench.report;

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
import java.util.Map;

/**
 * The report's section on the end-to-end run: one table per protocol and body size, with the
 * variants of every container side by side and each variant's ratios to {@code nofilter} on its
 * own container, and the end-to-end targets, which are checked on Jetty.
 */
final class EndToEndSection {

  /** The container the targets are checked on; the others are measured beside it to compare. */
  static final String TARGET_CONTAINER = "jetty";

  /** The names people know the containers by, by the harness's ids. */
  private static final Map<String, String> TITLES = Map.of("jetty", "Jetty", "tomcat", "Tomcat");

  /**
   * One cell of the end-to-end run: medians over its rounds.
   *
   * @param container the container's id, {@code jetty} in files written before there was a choice
   */
  record Cell(
      String container,
      String variant,
      String protocol,
      long size,
      double requestsPerSecond,
      double p99Millis,
      double bytesPerRequest,
      double minRequestsPerSecond,
      double maxRequestsPerSecond,
      long errors) {}

  private final Report report;
  private final JsonObject root;

  private EndToEndSection(Report report, JsonObject root) {
    this.report = report;
    this.root = root;
  }

  /** Writes the section, if the run left {@code end-to-end.json}, and checks its targets. */
  static void write(Report report) throws IOException {
    Path file = report.file("end-to-end.json");
    if (!Files.exists(file)) {
      return;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      new EndToEndSection(report, JsonParser.parseReader(reader).getAsJsonObject()).write();
    }
  }

  private void write() {
    List<Cell> cells = cells();
    List<String> containers = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (Cell cell : cells) {
      if (!containers.contains(cell.container())) {
        containers.add(cell.container());
      }
      String key = cell.protocol() + " " + cell.size();
      if (!keys.contains(key)) {
        keys.add(key);
      }
    }
    keys.sort(null);
    List<String> names = containers.stream().map(this::name).toList();
    report.line(
        "## End to end: " + String.join(" and ", names) + " under h2load (h2c) and wrk (HTTP/1.1)");
    report.line("");
    intro(containers);
    for (String key : keys) {
      List<Cell> group =
          cells.stream().filter(c -> key.equals(c.protocol() + " " + c.size())).toList();
      Cell first = group.get(0);
      String title = (first.protocol().equals("h1") ? "HTTP/1.1" : "h2c") + ", "
          + Report.sizeName(Long.toString(first.size())) + " bodies";
      table(title, group);
      List<Cell> targets =
          group.stream().filter(c -> c.container().equals(TARGET_CONTAINER)).toList();
      verdicts(title, targets);
    }
  }

  private List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    for (JsonElement element : root.getAsJsonArray("cells")) {
      JsonObject cell = element.getAsJsonObject();
      JsonObject median = cell.getAsJsonObject("median");
      double min = Double.MAX_VALUE;
      double max = 0;
      for (JsonElement round : cell.getAsJsonArray("rounds")) {
        double rate = round.getAsJsonObject().get("requestsPerSecond").getAsDouble();
        min = Math.min(min, rate);
        max = Math.max(max, rate);
      }
      cells.add(new Cell(
          cell.has("container") ? cell.get("container").getAsString() : TARGET_CONTAINER,
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
    return cells;
  }

  private void intro(List<String> containers) {
    JsonObject settings = root.getAsJsonObject("settings");
    String servers = containers.stream()
        .map(c -> "embedded " + TITLES.getOrDefault(c, c))
        .reduce((a, b) -> a + " and from " + b)
        .orElse("embedded Jetty");
    String text = String.format(
        Locale.ROOT,
        "One JVM serves every variant from %s, each from a server of its own on 127.0.0.1;"
            + " `wrk -t1 -c%d` and `h2load -t1 -c%d -m%d` load it for %d s per cell after a %d s"
            + " warm-up, in rounds of a shuffled order (%d); the figures are medians of the"
            + " rounds. `nofilter` copies with `InputStream.transferTo`; the other variants run"
            + " the filter in that mode and copy with `Respool.copy`. Allocation is the JVM's own"
            + " count of bytes allocated by all threads while the cell ran, divided by the"
            + " requests the servlet completed.",
        servers,
        settings.get("connections").getAsInt(),
        settings.get("connections").getAsInt(),
        settings.get("streamsPerConnection").getAsInt(),
        settings.get("durationSeconds").getAsInt(),
        settings.get("warmupSeconds").getAsInt(),
        settings.get("rounds").getAsInt());
    if (containers.size() > 1) {
      text += " Each container's ratios are to its own `nofilter`.";
      if (containers.contains(TARGET_CONTAINER)) {
        text += " The targets are checked on " + TITLES.get(TARGET_CONTAINER) + "; the other"
            + " figures are there to compare.";
      }
    }
    report.line(text);
    report.line("");
    String connectors = connectorSettings(containers);
    if (!connectors.isEmpty()) {
      report.line("Connector settings: " + connectors + ".");
      report.line("");
    }
  }

  /** Each container's settings as the harness recorded them, such as {@code maxThreads 200}. */
  private String connectorSettings(List<String> containers) {
    JsonObject recorded = containerSettings();
    List<String> parts = new ArrayList<>();
    for (String container : containers) {
      if (recorded == null || !recorded.has(container)) {
        continue;
      }
      List<String> values = new ArrayList<>();
      for (var entry : recorded.getAsJsonObject(container).entrySet()) {
        if (!entry.getKey().equals("version")) {
          JsonElement value = entry.getValue();
          values.add("`" + entry.getKey() + "` "
              + (value.isJsonPrimitive() ? value.getAsString() : value.toString()));
        }
      }
      parts.add(name(container) + ": " + String.join(", ", values));
    }
    return String.join("; ", parts);
  }

  /** The container's name and version, such as {@code Tomcat 11.0}. */
  private String name(String container) {
    String title = TITLES.getOrDefault(container, container);
    JsonObject environment = root.getAsJsonObject("environment");
    JsonObject recorded = containerSettings();
    String version = null;
    if (recorded != null && recorded.has(container)) {
      version = recorded.getAsJsonObject(container).get("version").getAsString();
    } else if (environment != null && environment.has(container)) {
      // A file written when only Jetty was measured keeps its version under the key jetty.
      version = environment.get(container).getAsString();
    }
    if (version == null) {
      return title;
    }
    String[] parts = version.split("\\.");
    return title + " " + (parts.length >= 2 ? parts[0] + "." + parts[1] : version);
  }

  private JsonObject containerSettings() {
    JsonObject environment = root.getAsJsonObject("environment");
    return environment != null && environment.has("containers")
        ? environment.getAsJsonObject("containers")
        : null;
  }

  private void table(String title, List<Cell> group) {
    report.line("| " + title + " | container | requests/s (rounds' range) | p99"
        + " | allocated per request | requests/s vs nofilter | allocated vs nofilter | errors |");
    report.line("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (Cell c : group) {
      Cell base = find(group, c.container(), "nofilter");
      report.line(String.format(
          Locale.ROOT,
          "| `%s` | %s | %,.0f (%,.0f-%,.0f) | %.2f ms | %,.0f B | %s | %s | %d |",
          c.variant(),
          TITLES.getOrDefault(c.container(), c.container()),
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
  }

  /** Checks the targets on the cells of one protocol and size, all of one container. */
  private void verdicts(String where, List<Cell> group) {
    Cell base = find(group, TARGET_CONTAINER, "nofilter");
    if (base == null) {
      return;
    }
    Cell off = find(group, TARGET_CONTAINER, "off");
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
              "; %s alone (`off`) allocates %,.0f B per request, %s of nofilter's, and the"
                  + " filter adds %,.0f B",
              TITLES.get(TARGET_CONTAINER),
              off.bytesPerRequest(),
              ratio(off.bytesPerRequest() / base.bytesPerRequest()),
              c.bytesPerRequest() - off.bytesPerRequest());
        }
        report.verdict(
            "end to end, `copy` allocates at most 10 % of `nofilter`'s bytes per request, " + where,
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

  private static Cell find(List<Cell> group, String container, String variant) {
    return group.stream()
        .filter(c -> c.container().equals(container) && c.variant().equals(variant))
        .findFirst()
        .orElse(null);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2fx", value);
  }
}
