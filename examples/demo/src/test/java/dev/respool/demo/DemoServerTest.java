package dev.respool.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.testkit.DeterministicBody;
import dev.respool.testkit.ReprDigest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DemoServerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static DemoServer server;
  private static HttpClient http1;

  @BeforeAll
  static void startServer() throws Exception {
    server = DemoServer.start("127.0.0.1", 0, Mode.COPY);
    http1 = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void listensOnTheLoopbackAddressAndPortItReports() {
    assertThat(server.port()).isPositive();
    assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
    assertThat(server.respool().mode()).isEqualTo(Mode.COPY);
  }

  @ParameterizedTest(name = "io={0}")
  @ValueSource(strings = {"blocking", "async", "naive"})
  void aBodyMatchesItsReprDigest(String io) throws Exception {
    HttpResponse<byte[]> response = get("bytes/1000?seed=7&io=" + io);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(1000);
    assertThat(sha256(response.body())).isEqualTo(reprDigest(response));
    assertThat(response.body()).isEqualTo(new DeterministicBody(1000, 7).readAllBytes());
  }

  @ParameterizedTest(name = "io={0}")
  @ValueSource(strings = {"blocking", "async", "naive"})
  void aBodyOfManyChunksArrivesIntactInCopyMode(String io) throws Exception {
    // Large enough for the naive copy to recycle its array hundreds of times mid-write.
    long length = (8 << 20) + 3;

    HttpResponse<byte[]> response = get("bytes/" + length + "?seed=-5&io=" + io);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize((int) length);
    assertThat(sha256(response.body())).isEqualTo(DeterministicBody.sha256(length, -5));
    assertThat(reprDigest(response)).isEqualTo(DeterministicBody.sha256(length, -5));
  }

  @Test
  void anUpgradeToH2cServesTheSameBody() throws Exception {
    HttpClient http2 = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(TIMEOUT)
        .build();
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("bytes/1000?seed=7"))
        .timeout(TIMEOUT)
        .build();

    HttpResponse<byte[]> response = http2.send(request, BodyHandlers.ofByteArray());

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(sha256(response.body())).isEqualTo(reprDigest(response));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "bytes/abc        | bad n 'abc': expected /bytes/{n} with n a whole number from 0 to",
        "bytes/5?seed=x   | bad seed 'x': expected a whole number from",
        "bytes/5?io=nope  | bad io 'nope': valid values are blocking, async, naive",
        "bytes/4294967297 | bad n '4294967297'",
        "bytes/-1         | bad n '-1'",
      })
  void aBadParameterGets400WithOneLineNamingIt(String path, String reason) throws Exception {
    HttpResponse<String> response = http1.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(TIMEOUT).build(),
        BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.body()).startsWith(reason).endsWith("\n");
    assertThat(response.body().lines()).hasSize(1);
  }

  @Test
  void headSendsTheHeadersOfGetWithoutABody() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("bytes/1000?seed=7"))
        .method("HEAD", BodyPublishers.noBody())
        .timeout(TIMEOUT)
        .build();

    HttpResponse<byte[]> response = http1.send(request, BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(1000);
    assertThat(response.headers().firstValue(ReprDigest.HEADER))
        .hasValue(ReprDigest.format(DeterministicBody.sha256(1000, 7)));
    assertThat(response.body()).isEmpty();
  }

  @Test
  void otherMethodsGet405NamingTheAllowedOnes() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("bytes/10"))
        .POST(BodyPublishers.ofString("x"))
        .timeout(TIMEOUT)
        .build();

    HttpResponse<String> response = http1.send(request, BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void anUnknownPathGets404() throws Exception {
    assertThat(get("nothing/here").statusCode()).isEqualTo(404);
  }

  @Test
  void statsShowNoLeaseOutOnceTheCopiesHaveCompleted() throws Exception {
    get("bytes/100000?seed=1&io=blocking");
    get("bytes/100000?seed=2&io=async");
    get("bytes/100000?seed=3&io=naive");

    // An async copy settles its lease after the client has the last byte: poll, within bounds.
    String json = stats();
    for (int attempt = 0; attempt < 100 && field(json, "leasesOut") != 0; attempt++) {
      Thread.sleep(50);
      json = stats();
    }

    assertThat(json).startsWith("{\"mode\":\"copy\",").endsWith("}");
    assertThat(field(json, "leasesOut")).isZero();
    assertThat(field(json, "acquires")).isPositive();
    for (String name : new String[] {
      "hits",
      "misses",
      "returned",
      "dropped",
      "abandoned",
      "pooledBytes",
      "maxPooledBytes",
      "defensiveCopies",
      "detections"
    }) {
      assertThat(field(json, name)).as(name).isNotNegative();
    }
  }

  private static String stats() throws IOException, InterruptedException {
    HttpResponse<String> response = http1.send(
        HttpRequest.newBuilder(server.uri().resolve("stats")).timeout(TIMEOUT).build(),
        BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return response.body();
  }

  private static long field(String json, String name) {
    Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)[,}]").matcher(json);
    assertThat(matcher.find()).as("field %s in %s", name, json).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri().resolve(path)).timeout(TIMEOUT).build();
    return http1.send(request, BodyHandlers.ofByteArray());
  }

  private static byte[] reprDigest(HttpResponse<?> response) {
    String header = response.headers().firstValue(ReprDigest.HEADER).orElseThrow();
    return ReprDigest.parse(header);
  }

  static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
