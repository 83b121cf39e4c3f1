package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.testkit.Wire;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads a response body piece by piece and hands each piece to a {@link Reader}, which may pause:
 * a client that reads slowly keeps the server's writes pending, the window in which a container
 * may still hold an array after {@code write} returned.
 */
final class Pieces {

  /** The piece a slow reader takes at a time. */
  static final int SLOW_PIECE = 16 * 1024;

  /**
   * A socket send buffer for the server that keeps its writes pending while the client reads
   * slowly, or not at all.
   */
  static final int SMALL_SEND_BUFFER = 16 * 1024;

  /** What the client does with each piece. */
  @FunctionalInterface
  interface Reader {
    /**
     * Takes one piece.
     *
     * @param piece the bytes, valid up to {@code length} until this method returns
     * @param length the bytes in the piece; less than a whole piece only at the end of the body
     * @param index 0 for the first piece, then 1, 2 and so on
     */
    void accept(byte[] piece, int length, int index) throws InterruptedException;
  }

  private Pieces() {}

  /**
   * Reads {@code body} to its end, or past {@code maxBytes}, in pieces of {@code pieceBytes}.
   * Every read but the last fills a whole piece, so there are at most {@code maxBytes /
   * pieceBytes + 2} of them; the client's timeouts bound the time.
   *
   * @return the bytes read
   * @throws IOException if the body ends in a failure, for example when the server gave up
   */
  static long read(InputStream body, int pieceBytes, long maxBytes, Reader reader)
      throws IOException, InterruptedException {
    byte[] piece = new byte[pieceBytes];
    long total = 0;
    for (int index = 0; total <= maxBytes; index++) {
      int n = body.readNBytes(piece, 0, piece.length);
      if (n == 0) {
        break;
      }
      total += n;
      reader.accept(piece, n, index);
    }
    return total;
  }

  /**
   * Sends {@code GET url} on {@code wire}, checks for status 200 and reads the body slowly: {@link
   * #SLOW_PIECE} bytes at a time, each handed to {@code reader} and followed by a 1 ms pause.
   *
   * @return the bytes read
   */
  static long getSlowly(Wire wire, HttpUrl url, long maxBytes, Reader reader)
      throws IOException, InterruptedException {
    Request request = new Request.Builder().url(url).build();
    try (Response response = wire.client().newCall(request).execute()) {
      assertThat(response.code()).as("status of GET %s", url).isEqualTo(200);
      return read(response.body().byteStream(), SLOW_PIECE, maxBytes, (piece, n, index) -> {
        reader.accept(piece, n, index);
        Thread.sleep(1);
      });
    }
  }
}
