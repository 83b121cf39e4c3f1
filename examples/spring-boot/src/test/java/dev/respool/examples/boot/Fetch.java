package dev.respool.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.testkit.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import okhttp3.Headers;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The client side of the example's tests: requests over each wire, digests, and meters. */
final class Fetch {

  /** How much of a body is kept as text; the rest is only hashed. */
  private static final int TEXT_LIMIT = 64 * 1024;

  /** Polls of the lease gauge, 100 ms apart: the last lease of an async copy may come late. */
  private static final int POLLS = 100;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One response.
   *
   * @param code the status
   * @param protocol the protocol it came over
   * @param headers its headers
   * @param length the body bytes received
   * @param sha256 the SHA-256 of the body received
   * @param text the start of the body, as UTF-8
   */
  record Result(
      int code, Protocol protocol, Headers headers, long length, byte[] sha256, String text) {}

  private Fetch() {}

  /** {@code GET url} over {@code wire}, reading and hashing the whole body. */
  static Result get(Wire wire, String url) throws IOException {
    return send(wire, new Request.Builder().url(url).build());
  }

  /** {@code HEAD url} over {@code wire}. */
  static Result head(Wire wire, String url) throws IOException {
    return send(wire, new Request.Builder().url(url).head().build());
  }

  private static Result send(Wire wire, Request request) throws IOException {
    try (Response response = wire.client().newCall(request).execute()) {
      MessageDigest sha256 = newSha256();
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      byte[] chunk = new byte[64 * 1024];
      long total = 0;
      InputStream in = response.body().byteStream();
      // OkHttp stops at Content-Length; its call timeout bounds the time.
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        sha256.update(chunk, 0, n);
        if (text.size() < TEXT_LIMIT) {
          text.write(chunk, 0, Math.min(n, TEXT_LIMIT - text.size()));
        }
        total += n;
      }
      return new Result(
          response.code(),
          response.protocol(),
          response.headers(),
          total,
          sha256.digest(),
          text.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * Sends {@code GET target HTTP/1.1} byte for byte, with no client in between that could
   * normalise the target, and returns the whole response as text.
   */
  static String raw(int port, String target) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] response = socket.getInputStream().readNBytes(TEXT_LIMIT);
      return new String(response, StandardCharsets.UTF_8);
    }
  }

  /** The {@code detail} of an RFC 9457 problem in the body of {@code result}. */
  static String problemDetail(Result result) {
    assertThat(result.headers().get("Content-Type")).isEqualTo("application/problem+json");
    return JSON.readTree(result.text()).path("detail").asString();
  }

  /** The SHA-256 of a file's content. */
  static byte[] sha256(Path file) throws IOException {
    MessageDigest sha256 = newSha256();
    byte[] chunk = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        sha256.update(chunk, 0, n);
      }
    }
    return sha256.digest();
  }

  /** The value of a meter from {@code /actuator/metrics/{name}}. */
  static double meter(String root, String name) throws IOException {
    Result result = get(Wire.HTTP_1_1, root + "actuator/metrics/" + name);
    assertThat(result.code()).as("GET metric %s: %s", name, result.text()).isEqualTo(200);
    JsonNode measurements = JSON.readTree(result.text()).path("measurements");
    assertThat(measurements.size()).as("measurements of %s", name).isEqualTo(1);
    return measurements.get(0).path("value").asDouble();
  }

  /**
   * Waits for {@code respool.leases.out} to read 0, and asserts that it did. A non-blocking copy
   * returns its last lease when the container ends the request, which may be after the client
   * read the last byte.
   */
  static void assertLeasesBack(String root) throws IOException {
    double out = meter(root, "respool.leases.out");
    for (int poll = 1; poll < POLLS && out != 0; poll++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for leases");
      }
      out = meter(root, "respool.leases.out");
    }
    assertThat(out).as("respool.leases.out").isZero();
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
