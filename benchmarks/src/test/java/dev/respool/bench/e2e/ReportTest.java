package dev.respool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void jsonEscapesStringsAndWritesNaNAsNull() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("text", "a \"b\"\\\n\t\u0001");
    value.put("nan", Double.NaN);
    value.put("whole", 3.0);
    value.put("fraction", 0.25);
    value.put("list", List.of(1, true));
    value.put("empty", List.of());
    value.put("none", null);

    assertThat(Json.write(value)).isEqualTo("""
            {
              "text": "a \\"b\\"\\\\\\n\\t\\u0001",
              "nan": null,
              "whole": 3,
              "fraction": 0.25,
              "list": [
                1,
                true
              ],
              "empty": [],
              "none": null
            }
            """);
  }

  @Test
  void theMedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
    assertThat(Results.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Results.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Results.median(new double[0])).isNaN();
  }

  @Test
  void ratiosDivideEachVariantsMediansByThoseOfNofilter() {
    Options options = Options.parse(
        "--rounds",
        "3",
        "--containers",
        "jetty",
        "--variants",
        "nofilter,copy",
        "--sizes",
        "1024",
        "--protocols",
        "h1");
    List<Measurement> measurements = Arrays.asList(
        measurement(1, Container.JETTY, Variant.NOFILTER, 100, 1000),
        measurement(2, Container.JETTY, Variant.NOFILTER, 300, 3000),
        measurement(3, Container.JETTY, Variant.NOFILTER, 200, 2000),
        measurement(1, Container.JETTY, Variant.COPY, 99, 100),
        measurement(2, Container.JETTY, Variant.COPY, 198, 50),
        measurement(3, Container.JETTY, Variant.COPY, 500, 400));
    Results results = new Results(options, Map.of(), List.of(), measurements, Map.of());

    List<Map<String, Object>> ratios = Report.ratios(results);

    assertThat(ratios).hasSize(1);
    assertThat(ratios.get(0))
        .containsEntry("container", "jetty")
        .containsEntry("variant", "copy")
        .containsEntry("protocol", "h1")
        .containsEntry("size", 1024)
        .containsEntry("requestsPerSecond", 198.0 / 200)
        .containsEntry("allocatedBytesPerRequest", 100.0 / 2000);
  }

  @Test
  void eachContainersVariantsAreDividedByThatContainersNofilter() {
    Options options = Options.parse(
        "--rounds", "1", "--variants", "nofilter,off", "--sizes", "1024", "--protocols", "h1");
    List<Measurement> measurements = Arrays.asList(
        measurement(1, Container.TOMCAT, Variant.OFF, 300, 600),
        measurement(1, Container.JETTY, Variant.OFF, 90, 50),
        measurement(1, Container.TOMCAT, Variant.NOFILTER, 200, 1200),
        measurement(1, Container.JETTY, Variant.NOFILTER, 100, 1000));
    Results results = new Results(options, Map.of(), List.of(), measurements, Map.of());

    List<Map<String, Object>> ratios = Report.ratios(results);

    // In the order of the containers asked for, Jetty first, whatever order the cells ran in.
    assertThat(ratios).hasSize(2);
    assertThat(ratios.get(0))
        .containsEntry("container", "jetty")
        .containsEntry("requestsPerSecond", 0.9)
        .containsEntry("allocatedBytesPerRequest", 0.05)
        .containsEntry("allocatedBytesPerRequestMinusNofilter", -950.0);
    assertThat(ratios.get(1))
        .containsEntry("container", "tomcat")
        .containsEntry("requestsPerSecond", 1.5)
        .containsEntry("allocatedBytesPerRequest", 0.5)
        .containsEntry("allocatedBytesPerRequestMinusNofilter", -600.0);
  }

  @Test
  void theTableNamesTheContainerOfEachRow() {
    Options options = Options.parse(
        "--rounds", "1", "--variants", "copy", "--sizes", "1024", "--protocols", "h1");
    List<Measurement> measurements = Arrays.asList(
        measurement(1, Container.JETTY, Variant.COPY, 100, 1000),
        measurement(1, Container.TOMCAT, Variant.COPY, 200, 2000));
    Results results = new Results(options, Map.of(), List.of(), measurements, Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    Report.print(results, new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8))
        .containsPattern("container +variant +proto +size")
        .containsPattern("jetty +copy +h1 +1 KiB +100\\.0 ")
        .containsPattern("tomcat +copy +h1 +1 KiB +200\\.0 ");
  }

  private static Measurement measurement(
      int round, Container container, Variant variant, double rate, long bytes) {
    return new Measurement(
        round,
        new Cell(container, variant, Protocol.H1, 1024),
        new ToolResult(rate, 1.0, 1000, 0, ""),
        new BodyServlet.Counts(1000, 1000, 0),
        new JvmCounters(bytes * 1000, 0, 0),
        true);
  }
}
