package dev.respool.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.RespoolStats;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.BodyClient.Pace;
import dev.respool.testkit.BytesServlet;
import dev.respool.testkit.Io;
import dev.respool.testkit.Received;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.StatsServlet;
import dev.respool.testkit.Wire;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application with the starter and two servlets, nothing else: the filter is there,
 * and bodies arrive exact over HTTP/1.1 and h2c. Subclasses choose the server.
 */
abstract class BootServerTests {

  @LocalServerPort
  int port;

  @Autowired
  RespoolMetrics metrics;

  @SpringBootApplication
  static class App {
    @Bean
    ServletRegistrationBean<BytesServlet> bytes() {
      ServletRegistrationBean<BytesServlet> bytes =
          new ServletRegistrationBean<>(new BytesServlet(), "/bytes/*");
      bytes.setAsyncSupported(true);
      return bytes;
    }

    @Bean
    ServletRegistrationBean<StatsServlet> stats() {
      return new ServletRegistrationBean<>(new StatsServlet(), "/stats");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "HTTP_1_1, BLOCKING, 1048576",
    "HTTP_1_1, ASYNC, 4194304",
    "HTTP_1_1, NAIVE, 4194304",
    "H2C, BLOCKING, 8191",
    "H2C, ASYNC, 1048576"
  })
  void bodiesArriveExactThroughTheStartersFilter(Wire wire, Io io, long length) throws Exception {
    URI root = URI.create("http://127.0.0.1:" + port + "/");

    Received received = BodyClient.get(root, wire, io, length, 3, Pace.FULL_SPEED);

    received.assertIntact();
    RespoolStats stats = StatsClient.assertLeasesReturned(root.resolve("stats"));
    assertThat(stats.mode()).isIn("copy", "detect");
    assertThat(stats.acquires()).isPositive();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    metrics.bindTo(registry);
    assertThat(registry.get("respool.acquires").functionCounter().count())
        .isGreaterThanOrEqualTo(stats.acquires());
    assertThat(registry.get("respool.pool.bytes.max").gauge().value()).isEqualTo(16777216);
  }
}
