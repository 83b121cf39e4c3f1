package dev.respool.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.DeterministicBody;
import dev.respool.testkit.Io;
import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.Wire;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tomcat's {@code Http2Protocol}, added to the connector as an upgrade protocol, starts h2c both
 * ways a client may ask for it: with the connection preface right away (prior knowledge, which
 * the shared suites use through OkHttp) and with {@code Upgrade: h2c} on an HTTP/1.1 request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2cIT {

  private static final long LENGTH = 1024 * 1024 + 1;

  private ServerUnderTest server;

  @BeforeAll
  void startServer() throws Exception {
    server = new TomcatContainer().startDemo(Mode.COPY);
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void priorKnowledgeGetsAnH2ResponseWithoutAnUpgrade() throws Exception {
    server.get(Wire.H2C, Io.ASYNC, LENGTH, 3).assertIntact();

    server.assertLeasesReturned();
  }

  @Test
  void anUpgradeToH2cOnAnHttp11RequestIsAccepted() throws Exception {
    // The JDK's client asks for h2 on a cleartext URL with Upgrade: h2c, never with the preface.
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    HttpRequest request = HttpRequest.newBuilder(
            BodyClient.bytesUrl(server.uri(), Io.ASYNC, LENGTH, 4).uri())
        .timeout(Duration.ofMinutes(1))
        .build();

    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue(ReprDigest.HEADER))
        .hasValue(ReprDigest.forBody(LENGTH, 4));
    assertThat(MessageDigest.getInstance("SHA-256").digest(response.body()))
        .isEqualTo(DeterministicBody.sha256(LENGTH, 4));
    server.assertLeasesReturned();
  }
}
