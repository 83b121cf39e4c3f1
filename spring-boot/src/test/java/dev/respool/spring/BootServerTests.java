package dev.respool.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Respool;
import dev.respool.RespoolStats;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.BodyClient.Pace;
import dev.respool.testkit.BytesServlet;
import dev.respool.testkit.DeterministicBody;
import dev.respool.testkit.Io;
import dev.respool.testkit.Received;
import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.StatsServlet;
import dev.respool.testkit.Wire;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

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

    @Bean
    Downloads downloads() {
      return new Downloads();
    }
  }

  /** A Spring MVC controller, whose response Spring wraps, copying with non-blocking writes. */
  @RestController
  static class Downloads {
    @GetMapping("/mvc/{length}")
    void download(
        @PathVariable("length") long length,
        HttpServletRequest request,
        HttpServletResponse response) {
      response.setContentLengthLong(length);
      response.setHeader(ReprDigest.HEADER, ReprDigest.forBody(length, SEED));
      Respool.copyAsync(new DeterministicBody(length, SEED), request, response, length);
    }
  }

  private static final long SEED = 11;

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aControllersAsyncCopyIsExactAndCopiedOnlyOnce(Wire wire) throws Exception {
    URI root = URI.create("http://127.0.0.1:" + port + "/");
    long length = 3 * 1024 * 1024 + 5;
    long copiesBefore = StatsClient.read(root.resolve("stats")).defensiveCopies();

    Request get =
        new Request.Builder().url(root.resolve("mvc/" + length).toString()).build();
    try (Response response = wire.client().newCall(get).execute()) {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long total = 0;
      try (InputStream body = response.body().byteStream()) {
        byte[] chunk = new byte[65536];
        for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
          sha256.update(chunk, 0, n);
          total += n;
        }
      }
      assertThat(response.code()).isEqualTo(200);
      assertThat(total).isEqualTo(length);
      assertThat(sha256.digest()).isEqualTo(DeterministicBody.sha256(length, SEED));
    }

    // Spring's wrapper sits between the copy and the filter's stream; the copy's pooled arrays
    // pass through it without a second copy.
    RespoolStats stats = StatsClient.assertLeasesReturned(root.resolve("stats"));
    assertThat(stats.defensiveCopies()).isEqualTo(copiesBefore);
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
