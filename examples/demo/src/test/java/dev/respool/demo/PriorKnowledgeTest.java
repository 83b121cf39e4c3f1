package dev.respool.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.testkit.DeterministicBody;
import dev.respool.testkit.ReprDigest;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** h2c without an upgrade, on the same port as HTTP/1.1. */
class PriorKnowledgeTest {

  @ParameterizedTest(name = "io={0}")
  @ValueSource(strings = {"blocking", "async", "naive"})
  void h2cWithPriorKnowledgeServesADigestCorrectBody(String io) throws Exception {
    long length = (1 << 20) + 1;
    OkHttpClient client = new OkHttpClient.Builder()
        .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
        .callTimeout(Duration.ofSeconds(30))
        .build();
    try (DemoServer server = DemoServer.start("127.0.0.1", 0, Mode.COPY)) {
      Request request = new Request.Builder()
          .url(server.uri().resolve("bytes/" + length + "?seed=11&io=" + io).toString())
          .build();

      try (Response response = client.newCall(request).execute()) {
        byte[] body = response.body().bytes();

        assertThat(response.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
        assertThat(response.code()).isEqualTo(200);
        assertThat(body).hasSize((int) length);
        assertThat(DemoServerTest.sha256(body))
            .isEqualTo(ReprDigest.parse(response.header(ReprDigest.HEADER)))
            .isEqualTo(DeterministicBody.sha256(length, 11));
      }
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Test
  void http1AndPriorKnowledgeShareOnePort() throws Exception {
    OkHttpClient h2 = new OkHttpClient.Builder()
        .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
        .build();
    OkHttpClient h1 =
        new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build();
    try (DemoServer server = DemoServer.start("127.0.0.1", 0, Mode.COPY)) {
      Request request =
          new Request.Builder().url(server.uri().resolve("stats").toString()).build();

      try (Response viaH2 = h2.newCall(request).execute();
          Response viaH1 = h1.newCall(request).execute()) {
        assertThat(viaH2.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
        assertThat(viaH1.protocol()).isEqualTo(Protocol.HTTP_1_1);
        assertThat(viaH2.code()).isEqualTo(200);
        assertThat(viaH1.code()).isEqualTo(200);
      }
    } finally {
      for (OkHttpClient client : List.of(h1, h2)) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    }
  }
}
