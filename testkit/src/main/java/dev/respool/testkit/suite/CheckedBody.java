package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.testkit.CorruptionCounter;
import dev.respool.testkit.Io;
import dev.respool.testkit.Received;
import dev.respool.testkit.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import okhttp3.Response;

/**
 * A body from {@code BytesServlet} read whole over h2c, at a pace the caller picks: its headers
 * and digest, and its bytes compared one by one with the body asked for.
 *
 * @param received the response line, headers and digest
 * @param counter the bytes compared
 */
record CheckedBody(Received received, CorruptionCounter counter) {

  /** What a slow reader takes at once; {@link #pause} follows each. */
  static final int READ_SIZE = 16 * 1024;

  /**
   * Reads and closes {@code response}, pausing {@code pauseMillis} after each {@link #READ_SIZE}
   * bytes.
   *
   * @param response the response to a {@code GET /bytes/{n}}, headers read
   * @param io how the server was asked to write the body
   * @param length the body length asked for
   * @param seed the body seed asked for
   * @param pauseMillis the pause after each read, 0 for none
   */
  static CheckedBody read(Response response, Io io, long length, long seed, long pauseMillis)
      throws IOException {
    try (response) {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      CorruptionCounter counter = new CorruptionCounter(length, seed);
      InputStream in = response.body().byteStream();
      byte[] chunk = new byte[READ_SIZE];
      long total = 0;
      // Bounded by the length; the client's call timeout bounds the time.
      for (int n = in.readNBytes(chunk, 0, chunk.length);
          n > 0 && total <= length;
          n = in.readNBytes(chunk, 0, chunk.length)) {
        sha256.update(chunk, 0, n);
        counter.update(chunk, 0, n);
        total += n;
        pause(pauseMillis);
      }
      Received received = Received.of(Wire.H2C, io, length, seed, response, total, sha256.digest());
      return new CheckedBody(received, counter);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Sleeps {@code millis}, if more than 0, as a slow reader between reads. */
  static void pause(long millis) throws IOException {
    if (millis == 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading slowly");
    }
  }

  /**
   * Asserts that every byte arrived unchanged, with the headers of the body asked for.
   *
   * @throws AssertionError naming the request, and the count and first offset of wrong bytes
   */
  void assertExact() {
    assertThat(counter.corrupted())
        .as("corrupted bytes of %s: %s", received.describe(), counter)
        .isZero();
    received.assertIntact();
  }
}
