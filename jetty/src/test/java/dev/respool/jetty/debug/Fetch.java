package dev.respool.jetty.debug;

import dev.respool.testkit.CorruptionCounter;
import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.SmallReceiveBufferSockets;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/** An OkHttp client that checks each body byte by byte as it streams in. */
final class Fetch {

  private final OkHttpClient client;

  private Fetch(OkHttpClient client) {
    this.client = client;
  }

  /**
   * A client of one protocol: {@link Protocol#HTTP_1_1}, or {@link Protocol#H2_PRIOR_KNOWLEDGE} for
   * h2c, which OkHttp speaks only when it is the sole protocol.
   *
   * @param receiveBufferBytes the socket receive buffer, or 0 for the system's self-tuning one
   */
  static Fetch over(Protocol protocol, int receiveBufferBytes) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .protocols(List.of(protocol))
        .readTimeout(Duration.ofSeconds(30))
        // Only a guard against a hung exchange; no test depends on how long a call takes.
        .callTimeout(Duration.ofMinutes(2));
    if (receiveBufferBytes > 0) {
      builder.socketFactory(new SmallReceiveBufferSockets(receiveBufferBytes));
    }
    return new Fetch(builder.build());
  }

  /**
   * Sends {@code GET url} and compares the body with the deterministic body of {@code length}
   * bytes from {@code seed}.
   *
   * @param beforeBody counted down by the server when the client may read the body; the client
   *     waits for it at most 30 s, then reads anyway, and the result says whether it was counted
   *     down. Null to read at once.
   */
  Fetched get(HttpUrl url, long length, long seed, CountDownLatch beforeBody)
      throws IOException, InterruptedException {
    Request request = new Request.Builder().url(url).build();
    try (Response response = client.newCall(request).execute()) {
      boolean released = beforeBody == null || beforeBody.await(30, TimeUnit.SECONDS);
      CorruptionCounter counter = new CorruptionCounter(length, seed);
      InputStream in = response.body().byteStream();
      byte[] chunk = new byte[64 * 1024];
      // OkHttp stops at Content-Length; the byte bound only matters if that ever breaks.
      for (int n = in.read(chunk); n > 0 && counter.received() <= length; n = in.read(chunk)) {
        counter.update(chunk, 0, n);
      }
      return new Fetched(
          response.code(),
          response.protocol(),
          response.header(ReprDigest.HEADER),
          counter,
          released);
    }
  }

  /** What arrived for one request. */
  record Fetched(
      int status,
      Protocol protocol,
      String reprDigest,
      CorruptionCounter body,
      boolean toldToRead) {}
}
