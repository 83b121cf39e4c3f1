package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.Protocol;
import okhttp3.Response;

/**
 * What a client received for one {@code GET /bytes/{n}}: the response line and headers that
 * matter, and the length and SHA-256 of the body, hashed as it streamed in.
 *
 * @param wire the protocol asked for
 * @param io how the server was asked to write the body
 * @param length the body length asked for
 * @param seed the body seed asked for
 * @param status the response status
 * @param protocol the protocol the response came over
 * @param contentLength the {@code Content-Length} header, or null
 * @param reprDigest the {@code Repr-Digest} header, or null
 * @param bytesRead the body bytes received
 * @param bodyDigest the SHA-256 of the bytes received, formatted as a {@code Repr-Digest} value
 */
public record Received(
    Wire wire,
    Io io,
    long length,
    long seed,
    int status,
    Protocol protocol,
    String contentLength,
    String reprDigest,
    long bytesRead,
    String bodyDigest) {

  /**
   * What arrived in {@code response}, asked for as {@code wire}, {@code io}, {@code length} and
   * {@code seed}, given the bytes read and their SHA-256.
   */
  public static Received of(
      Wire wire, Io io, long length, long seed, Response response, long bytesRead, byte[] sha256) {
    return new Received(
        wire,
        io,
        length,
        seed,
        response.code(),
        response.protocol(),
        response.header("Content-Length"),
        response.header(ReprDigest.HEADER),
        bytesRead,
        ReprDigest.format(sha256));
  }

  /** Whether the body received is the one the server announced, byte for byte. */
  public boolean matchesDigest() {
    return bytesRead == length && bodyDigest.equals(reprDigest);
  }

  /**
   * Asserts that the body asked for arrived whole and unchanged, with the headers announced.
   *
   * @throws AssertionError naming the request and the first thing that differs
   */
  public void assertIntact() {
    String what = describe();
    assertThat(status).as("status of %s", what).isEqualTo(200);
    assertThat(protocol).as("protocol of %s", what).isEqualTo(wire.protocol());
    assertThat(contentLength).as("Content-Length of %s", what).isEqualTo(Long.toString(length));
    // The header must describe the body asked for, so that a body swapped with another
    // request's, whose digest would match its own header, cannot pass.
    assertThat(reprDigest)
        .as("Repr-Digest of %s", what)
        .isEqualTo(ReprDigest.forBody(length, seed));
    assertThat(bytesRead).as("body bytes received for %s", what).isEqualTo(length);
    assertThat(bodyDigest)
        .as("SHA-256 of the body received for %s, against its Repr-Digest", what)
        .isEqualTo(reprDigest);
  }

  /** The request, in a form that can be pasted into a client to try it again. */
  public String describe() {
    return "GET /bytes/" + length + "?seed=" + seed + "&io=" + io.id() + " over " + wire;
  }
}
