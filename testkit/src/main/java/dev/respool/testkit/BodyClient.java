package dev.respool.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches bodies from {@link BytesServlet} and hashes them as they stream in, so that a 64 MiB
 * body is never held in memory.
 */
public final class BodyClient {

  /** How fast the client takes a body off the wire. */
  public enum Pace {
    /** As fast as it arrives. */
    FULL_SPEED(64 * 1024, 0),

    /**
     * 16 KiB at a time with a 1 ms pause after each read, so that the server's writes back up and
     * stay pending: the window in which a container still holds an array after write returned.
     */
    SLOW(16 * 1024, 1);

    private final int readSize;
    private final long pauseMillis;

    Pace(int readSize, long pauseMillis) {
      this.readSize = readSize;
      this.pauseMillis = pauseMillis;
    }
  }

  private BodyClient() {}

  /**
   * The URL of a body from {@link BytesServlet}.
   *
   * @param root the root of the application that maps the servlet to {@code /bytes/*}, ending in
   *     {@code /}
   * @param io how the server is to write the body
   * @param length the body length
   * @param seed the body seed
   */
  public static HttpUrl bytesUrl(URI root, Io io, long length, long seed) {
    return HttpUrl.get(root)
        .newBuilder()
        .addPathSegments("bytes/" + length)
        .addQueryParameter("seed", Long.toString(seed))
        .addQueryParameter("io", io.id())
        .build();
  }

  /**
   * Sends {@code GET /bytes/{length}} and reads the whole body at {@code pace}.
   *
   * @param root as for {@link #bytesUrl}
   * @param wire the protocol, and so the client, to use
   * @param io how the server is to write the body
   * @param length the body length
   * @param seed the body seed
   * @param pace how fast to read
   * @return what arrived, hashed; check it with {@link Received#assertIntact()}
   * @throws IOException if the exchange fails
   */
  public static Received get(URI root, Wire wire, Io io, long length, long seed, Pace pace)
      throws IOException {
    Request request =
        new Request.Builder().url(bytesUrl(root, io, length, seed)).build();
    try (Response response = wire.client().newCall(request).execute()) {
      MessageDigest sha256 = newSha256();
      byte[] chunk = new byte[pace.readSize];
      long total = 0;
      InputStream in = response.body().byteStream();
      // Whole chunks, since a plain read stops at the end of one of OkHttp's 8 KiB segments.
      // OkHttp stops at Content-Length, so the byte bound only matters if that ever breaks; the
      // client's call timeout bounds the time.
      for (int n = readChunk(in, chunk); n > 0 && total <= length; n = readChunk(in, chunk)) {
        sha256.update(chunk, 0, n);
        total += n;
        pause(pace);
      }
      return Received.of(wire, io, length, seed, response, total, sha256.digest());
    }
  }

  /** Fills {@code chunk} unless the body ends first; returns 0 at the end of the body. */
  private static int readChunk(InputStream in, byte[] chunk) throws IOException {
    return in.readNBytes(chunk, 0, chunk.length);
  }

  private static void pause(Pace pace) throws InterruptedIOException {
    if (pace.pauseMillis == 0) {
      return;
    }
    try {
      Thread.sleep(pace.pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading a body slowly");
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
