package dev.respool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class HarnessServerTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  static List<Arguments> everyServer() {
    List<Arguments> servers = new ArrayList<>();
    for (Container container : Container.values()) {
      for (Variant variant : Variant.values()) {
        servers.add(Arguments.of(container, variant));
      }
    }
    return servers;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyServer")
  void servesEachBodyWholeOverBothProtocols(Container container, Variant variant) throws Exception {
    byte[] small = bytes(1024, 1);
    byte[] large = bytes(100_000, 2);

    try (HarnessServer server =
        HarnessServer.start(container, variant, Map.of("/1024", small, "/100000", large))) {
      server.verify(CLIENT, 1024, small);
      server.verify(CLIENT, 100_000, large);

      // A client may have the whole body before the servlet has counted it.
      assertThat(server.awaitIdle(Duration.ofSeconds(5))).isTrue();
      assertThat(server.counts()).isEqualTo(new BodyServlet.Counts(4, 4, 0));
      assertThat(server.bodyUri(1024).toString()).startsWith("http://127.0.0.1:");
      if (variant == Variant.NOFILTER) {
        assertThat(server.respoolStats()).isNull();
      } else {
        assertThat(server.respoolStats().mode()).isEqualTo(variant.mode().id());
        assertThat(server.respoolStats().acquires()).isEqualTo(4);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Container.class)
  void aWrongBodyIsReportedWithTheFirstDifference(Container container) throws Exception {
    byte[] body = bytes(1024, 1);
    for (Variant variant : List.of(Variant.NOFILTER, Variant.COPY)) {
      try (HarnessServer server = HarnessServer.start(container, variant, Map.of("/1024", body))) {
        byte[] other = body.clone();
        other[700] ^= 1;

        assertThatThrownBy(() -> server.verify(CLIENT, 1024, other))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith(container.id() + " " + variant.id() + " ")
            .hasMessageContaining("the body differs from byte 700");
      }
    }
  }

  @Test
  void tomcatTakesJettysLimitsOnThreadsStreamsAndRequestsPerConnection() {
    Map<String, Object> jetty;
    Map<String, Object> tomcat;
    try (HarnessServer server = HarnessServer.start(Container.JETTY, Variant.OFF, Map.of())) {
      jetty = server.settings();
    }
    try (HarnessServer server = HarnessServer.start(Container.TOMCAT, Variant.OFF, Map.of())) {
      tomcat = server.settings();
    }

    assertThat(jetty).containsEntry("version", Container.JETTY.version());
    assertThat(tomcat).containsEntry("version", Container.TOMCAT.version());
    assertThat(Container.TOMCAT.version()).matches("11\\.0\\.\\d+");
    assertThat(String.valueOf(tomcat.get("maxThreads")))
        .isEqualTo(String.valueOf(jetty.get("maxThreads")));
    assertThat(tomcat.get("h2MaxConcurrentStreams")).isEqualTo(128L);
    assertThat(jetty.get("h2MaxConcurrentStreams")).isEqualTo(128);
    assertThat(tomcat.get("h2MaxConcurrentStreamExecution")).isEqualTo(128);
    assertThat(String.valueOf(tomcat.get("maxKeepAliveRequests"))).isEqualTo("-1");
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }
}
