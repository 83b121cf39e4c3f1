package dev.respool.testkit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * An application that misuses non-blocking writes, <strong>on purpose</strong>: it owns one
 * 64 KiB array and refills it with the next pattern right after each {@code write} returns,
 * before the container said it was done with it.
 *
 * <p>{@code GET ?chunks=N} (default 64, at most 65536) answers {@code N} chunks of {@value
 * #CHUNK} bytes; every byte of chunk {@code i} is {@link #pattern(int) pattern(i)}. Behind respool
 * in {@code copy} mode the patterns arrive in order; {@code detect} reports the refills. Register
 * it with async support.
 */
public final class PatternRefillServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The size of the one array the servlet writes, again and again. */
  public static final int CHUNK = 64 * 1024;

  private static final int MAX_CHUNKS = 65_536;

  /** The byte that fills chunk {@code index}: never 0, and different for neighbouring chunks. */
  public static byte pattern(int index) {
    return (byte) (index % 255 + 1);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int chunks;
    try {
      String value = request.getParameter("chunks");
      chunks = value == null ? 64 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      chunks = -1;
    }
    if (chunks < 0 || chunks > MAX_CHUNKS) {
      response.sendError(400, "chunks must be a whole number from 0 to " + MAX_CHUNKS);
      return;
    }
    response.setContentType("application/octet-stream");
    response.setContentLengthLong((long) chunks * CHUNK);
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    ServletOutputStream out = response.getOutputStream();
    out.setWriteListener(new Refiller(out, async, chunks));
  }

  private static final class Refiller implements WriteListener {
    private final ServletOutputStream out;
    private final AsyncContext async;
    private final int chunks;
    private final byte[] array = new byte[CHUNK];
    private int written;

    Refiller(ServletOutputStream out, AsyncContext async, int chunks) {
      this.out = out;
      this.async = async;
      this.chunks = chunks;
      Arrays.fill(array, pattern(0));
    }

    @Override
    public void onWritePossible() throws IOException {
      while (out.isReady()) {
        if (written == chunks) {
          async.complete();
          return;
        }
        out.write(array);
        written++;
        // The misuse: the container may still be reading the array.
        Arrays.fill(array, pattern(written));
      }
    }

    @Override
    public void onError(Throwable t) {
      async.complete();
    }
  }
}
