package dev.respool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HarnessServerTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @ParameterizedTest
  @EnumSource(Variant.class)
  void servesEachBodyWholeOverBothProtocols(Variant variant) throws Exception {
    byte[] small = bytes(1024, 1);
    byte[] large = bytes(100_000, 2);

    try (HarnessServer server =
        HarnessServer.start(variant, Map.of("/1024", small, "/100000", large))) {
      server.verify(CLIENT, 1024, small);
      server.verify(CLIENT, 100_000, large);

      // A client may have the whole body before the servlet has counted it.
      assertThat(server.awaitIdle(Duration.ofSeconds(5))).isTrue();
      assertThat(server.counts()).isEqualTo(new BodyServlet.Counts(4, 4, 0));
      if (variant == Variant.NOFILTER) {
        assertThat(server.respoolStats()).isNull();
      } else {
        assertThat(server.respoolStats().mode()).isEqualTo(variant.mode().id());
        assertThat(server.respoolStats().acquires()).isEqualTo(4);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      names = {"NOFILTER", "COPY"})
  void aWrongBodyIsReportedWithTheFirstDifference(Variant variant) throws Exception {
    byte[] body = bytes(1024, 1);
    try (HarnessServer server = HarnessServer.start(variant, Map.of("/1024", body))) {
      byte[] other = body.clone();
      other[700] ^= 1;

      assertThatThrownBy(() -> server.verify(CLIENT, 1024, other))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the body differs from byte 700");
    }
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }
}
