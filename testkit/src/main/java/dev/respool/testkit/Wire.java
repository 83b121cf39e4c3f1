package dev.respool.testkit;

import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * The two protocols the tests speak to a server's one cleartext port, each with its own OkHttp
 * client.
 */
public enum Wire {
  /** HTTP/1.1. */
  HTTP_1_1(Protocol.HTTP_1_1, "HTTP/1.1"),

  /** h2c with prior knowledge: OkHttp speaks h2 without TLS only when it is the sole protocol. */
  H2C(Protocol.H2_PRIOR_KNOWLEDGE, "h2c");

  private final Protocol protocol;
  private final String label;
  private final OkHttpClient client;

  Wire(Protocol protocol, String label) {
    this.protocol = protocol;
    this.label = label;
    this.client = new OkHttpClient.Builder()
        .protocols(List.of(protocol))
        // A 64 MiB body in detect mode on a busy machine can pause longer than the default 10 s.
        .readTimeout(Duration.ofSeconds(30))
        // Only a guard against a hung exchange; no test depends on how long a call takes.
        .callTimeout(Duration.ofMinutes(2))
        .build();
  }

  /** The protocol every response on this wire must report. */
  public Protocol protocol() {
    return protocol;
  }

  /** The client, shared by all tests on this wire so that connections are reused. */
  public OkHttpClient client() {
    return client;
  }

  /** {@code HTTP/1.1} or {@code h2c}, as test names show it. */
  @Override
  public String toString() {
    return label;
  }
}
