package dev.respool.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.respool.bench.Medians;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a JMH JSON result file, reduced to medians over all measured iterations.
 *
 * @param method the benchmark method's simple name, for example {@code respool}
 * @param benchmark the benchmark class's simple name
 * @param threads the number of threads JMH ran it on
 * @param params the {@code @Param} values
 * @param median the median score over all iterations of all forks
 * @param unit the score's unit, for example {@code ns/op}
 * @param allocated the median of {@code gc.alloc.rate.norm} in bytes per operation, or NaN when
 *     the run had no {@code -prof gc}
 * @param iterations how many iterations the medians are taken over
 */
public record JmhResult(
    String method,
    String benchmark,
    int threads,
    Map<String, String> params,
    double median,
    String unit,
    double allocated,
    int iterations) {

  /** Reads every result of a file written by {@code -rf json -rff file}. */
  public static List<JmhResult> read(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonArray rows = JsonParser.parseReader(reader).getAsJsonArray();
      List<JmhResult> results = new ArrayList<>();
      for (JsonElement element : rows) {
        results.add(of(element.getAsJsonObject()));
      }
      return results;
    }
  }

  private static JmhResult of(JsonObject row) {
    String fullName = row.get("benchmark").getAsString();
    int dot = fullName.lastIndexOf('.');
    String method = fullName.substring(dot + 1);
    String owner = fullName.substring(0, dot);
    String benchmark = owner.substring(owner.lastIndexOf('.') + 1);
    Map<String, String> params = new LinkedHashMap<>();
    if (row.has("params")) {
      row.getAsJsonObject("params")
          .entrySet()
          .forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
    }
    JsonObject primary = row.getAsJsonObject("primaryMetric");
    double[] scores = raw(primary);
    double allocated = Double.NaN;
    JsonObject secondary = row.getAsJsonObject("secondaryMetrics");
    if (secondary != null && secondary.has("gc.alloc.rate.norm")) {
      allocated = Medians.of(raw(secondary.getAsJsonObject("gc.alloc.rate.norm")));
    }
    return new JmhResult(
        method,
        benchmark,
        row.get("threads").getAsInt(),
        params,
        Medians.of(scores),
        primary.get("scoreUnit").getAsString(),
        allocated,
        scores.length);
  }

  private static double[] raw(JsonObject metric) {
    List<Double> values = new ArrayList<>();
    for (JsonElement fork : metric.getAsJsonArray("rawData")) {
      for (JsonElement value : fork.getAsJsonArray()) {
        values.add(value.getAsDouble());
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The value of a parameter, or null. */
  public String param(String name) {
    return params.get(name);
  }
}
