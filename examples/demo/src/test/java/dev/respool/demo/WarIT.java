package dev.respool.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.RespoolStats;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.BodyClient.Pace;
import dev.respool.testkit.Io;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.Wire;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command users run: {@code java -jar respool-demo.jar --war ...} on each example WAR, from the
 * shaded jar that {@code mvn package} built, so that what the jar merged (Jetty's configurations
 * found through {@code META-INF/services}) is tested too. The build passes the paths of the jar and
 * of the WARs as system properties.
 */
class WarIT {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"war.webapp", "war.annotated"})
  void eachExampleWarServesExactBodiesOverHttp11AndH2c(String property) throws Exception {
    Path war = path(property);

    try (DemoProcess demo = start(war.getFileName().toString(), war, List.of())) {
      assertThat(demo.readyLine())
          .startsWith(
              "respool demo serving " + war.getFileName() + " listening on http://127.0.0.1:")
          .endsWith("/ (HTTP/1.1 and h2c)");
      URI root = demo.root();

      for (Wire wire : Wire.values()) {
        BodyClient.get(root, wire, Io.BLOCKING, 1 << 20, 17, Pace.FULL_SPEED).assertIntact();
        BodyClient.get(root, wire, Io.ASYNC, 8191, 18, Pace.FULL_SPEED).assertIntact();
        // The naive copy arrives intact only because the WAR's filter copies its arrays.
        BodyClient.get(root, wire, Io.NAIVE, 4 << 20, 19, Pace.FULL_SPEED).assertIntact();
      }

      RespoolStats stats = StatsClient.assertLeasesReturned(root.resolve("stats"));
      assertThat(stats.mode()).isEqualTo("copy");
      assertThat(stats.acquires()).isPositive();
      assertThat(stats.defensiveCopies()).isPositive();
    }
  }

  @Test
  void theModeSystemPropertyOverridesTheModeTheWarRegistered() throws Exception {
    Path war = path("war.annotated");

    try (DemoProcess demo = start("detect", war, List.of("-Drespool.mode=detect"))) {
      URI root = demo.root();

      BodyClient.get(root, Wire.H2C, Io.NAIVE, 1 << 20, 23, Pace.FULL_SPEED).assertIntact();

      RespoolStats stats = StatsClient.assertLeasesReturned(root.resolve("stats"));
      assertThat(stats.mode()).isEqualTo("detect");
      assertThat(stats.detections()).as("refills of the naive copy reported").isPositive();
    }
  }

  private static DemoProcess start(String name, Path war, List<String> jvmOptions)
      throws Exception {
    Path log = Path.of("target", "war-it", name + ".log");
    return DemoProcess.start(
        path("demo.jar"), log, jvmOptions, "--war", war.toString(), "--port", "0");
  }

  private static Path path(String property) {
    String value = System.getProperty(property);
    assertThat(value).as("system property %s, set by the build", property).isNotBlank();
    Path path = Path.of(value);
    assertThat(Files.exists(path))
        .as("%s (%s), built by mvn package", path, property)
        .isTrue();
    return path;
  }
}
