package dev.respool.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.RespoolStats;
import dev.respool.spring.RespoolAutoConfiguration;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.BodyClient.Pace;
import dev.respool.testkit.BytesServlet;
import dev.respool.testkit.DeterministicBody;
import dev.respool.testkit.Io;
import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.StatsServlet;
import dev.respool.testkit.Wire;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The starter in a Spring Boot 3.5 application on Tomcat 10.1, Boot 3.5's default server: the
 * filter is registered as on Boot 4, bodies arrive exact over HTTP/1.1 and h2c, a controller's
 * non-blocking copy is not copied twice, and Actuator shows the meters.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "server.http2.enabled=true",
      "management.endpoints.web.exposure.include=metrics"
    })
class Boot3IT {

  private static final long SEED = 23;

  @LocalServerPort
  int port;

  @Autowired
  FilterRegistrationBean<RespoolFilter> registration;

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

  /** A controller that copies with non-blocking writes through Spring's response wrapper. */
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

  private URI root() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Test
  void runsOnSpringBoot35WithTheStartersRegistration() {
    assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    assertThat(registration.getFilterName()).isEqualTo(RespoolAutoConfiguration.FILTER_NAME);
    assertThat(registration.isAsyncSupported()).isTrue();
    assertThat(registration.getUrlPatterns()).containsExactly("/*");
  }

  @ParameterizedTest
  @CsvSource({
    "HTTP_1_1, BLOCKING, 1048576",
    "HTTP_1_1, ASYNC, 4194304",
    "HTTP_1_1, NAIVE, 4194304",
    "H2C, BLOCKING, 8191",
    "H2C, ASYNC, 1048576"
  })
  void bodiesArriveExact(Wire wire, Io io, long length) throws IOException {
    BodyClient.get(root(), wire, io, length, SEED, Pace.FULL_SPEED).assertIntact();

    RespoolStats stats = StatsClient.assertLeasesReturned(root().resolve("stats"));
    assertThat(stats.acquires()).isPositive();
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aControllersAsyncCopyIsExactAndCopiedOnlyOnce(Wire wire) throws Exception {
    long length = 2 * 1024 * 1024 + 3;
    long copiesBefore = StatsClient.read(root().resolve("stats")).defensiveCopies();

    Request get =
        new Request.Builder().url(root().resolve("mvc/" + length).toString()).build();
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

    RespoolStats stats = StatsClient.assertLeasesReturned(root().resolve("stats"));
    assertThat(stats.defensiveCopies()).isEqualTo(copiesBefore);
  }

  @Test
  void actuatorShowsTheMeters() throws IOException {
    BodyClient.get(root(), Wire.HTTP_1_1, Io.BLOCKING, 100_000, SEED, Pace.FULL_SPEED)
        .assertIntact();
    long acquires = StatsClient.read(root().resolve("stats")).acquires();

    JsonNode counter = metric("respool.acquires");
    JsonNode bound = metric("respool.pool.bytes.max");

    assertThat(counter.at("/measurements/0/value").asDouble()).isGreaterThanOrEqualTo(acquires);
    assertThat(bound.at("/measurements/0/value").asDouble()).isEqualTo(16777216.0);
  }

  private JsonNode metric(String name) throws IOException {
    Request get = new Request.Builder()
        .url(root().resolve("actuator/metrics/" + name).toString())
        .build();
    try (Response response = Wire.HTTP_1_1.client().newCall(get).execute()) {
      assertThat(response.code()).as("GET /actuator/metrics/" + name).isEqualTo(200);
      return new ObjectMapper().readTree(response.body().string());
    }
  }
}
