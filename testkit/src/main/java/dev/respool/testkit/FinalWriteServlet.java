package dev.respool.testkit;

import dev.respool.Lease;
import dev.respool.Respool;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * Serves a {@link DeterministicBody} whose last {@value #FINAL_WRITE} bytes go out in one write
 * made just before the servlet lets go of the response: with blocking writes right before {@code
 * service} returns, with non-blocking writes right before {@link AsyncContext#complete()}. A client
 * that reads slowly through a small HTTP/2 window keeps that write, or the bytes it left in the
 * container, pending at that moment, which is when a pooled array's fate is decided.
 *
 * <p>Map it with asynchronous processing enabled. It answers {@code
 * GET ?length={n}&seed={s}&writes={w}&reuse={r}&await={a}}:
 *
 * <ul>
 *   <li>{@code length}: the body length, {@value #FINAL_WRITE} to {@value #MAX_LENGTH};
 *   <li>{@code seed}: any long, 0 when absent;
 *   <li>{@code writes=blocking} (the default): every write comes from one lease taken with {@link
 *       Respool#lease}, refilled after each write returned. After the final write returned the
 *       servlet overwrites the array, which a returned blocking write allows, then releases the
 *       lease and returns. A container that still read the array would send the overwritten bytes;
 *   <li>{@code writes=nonblocking}: the body up to its final {@value #FINAL_WRITE} bytes in
 *       {@value #FINAL_WRITE}-byte writes from one array of the servlet's own, refilled only after
 *       {@code isReady()} returned true; the final bytes from a second array, followed at once by
 *       {@code complete()};
 *   <li>{@code reuse=true} (with {@code nonblocking} only): overwrites the second array right after
 *       {@code complete()}, which is safe only when the arrays are copied before the container
 *       sees them, as respool's {@code copy} mode does;
 *   <li>{@code await=true} (with {@code nonblocking} only): calls {@code complete()} only once
 *       {@code isReady()} returned true after the final write, as a careful writer does: the
 *       contrast to the default, where nothing waits for the final write.
 * </ul>
 *
 * <p>The response has {@code Content-Type: application/octet-stream}, {@code Content-Length} and
 * {@code Repr-Digest}. A bad parameter gets 400.
 */
public final class FinalWriteServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The size of the final write, and of every write before it. */
  public static final int FINAL_WRITE = 64 * 1024;

  /** The longest body served: 64 MiB. */
  public static final long MAX_LENGTH = 64L * 1024 * 1024;

  /** What the servlet writes over an array it is allowed to reuse; no body byte is special. */
  private static final byte SCRIBBLE = (byte) 0xA5;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long length;
    long seed;
    try {
      length = Long.parseLong(parameter(request, "length", "-1"));
      seed = Long.parseLong(parameter(request, "seed", "0"));
    } catch (NumberFormatException e) {
      length = -1;
      seed = 0;
    }
    String writes = parameter(request, "writes", "blocking");
    boolean reuse = Boolean.parseBoolean(parameter(request, "reuse", "false"));
    boolean await = Boolean.parseBoolean(parameter(request, "await", "false"));
    boolean known = writes.equals("blocking") || writes.equals("nonblocking");
    if (length < FINAL_WRITE || length > MAX_LENGTH || !known) {
      response.sendError(
          400,
          "expected length from " + FINAL_WRITE + " to " + MAX_LENGTH
              + ", a whole seed, and writes=blocking or writes=nonblocking");
      return;
    }

    response.setContentType("application/octet-stream");
    response.setContentLengthLong(length);
    response.setHeader(ReprDigest.HEADER, ReprDigest.forBody(length, seed));
    DeterministicBody body = new DeterministicBody(length, seed);
    if (writes.equals("blocking")) {
      writeBlocking(body, request, response);
    } else {
      AsyncContext async = request.startAsync();
      // A slow client may take longer than any default; the idle timeout still ends a dead one.
      async.setTimeout(0);
      ServletOutputStream out = response.getOutputStream();
      out.setWriteListener(new NonBlocking(body, out, async, reuse, await));
    }
  }

  private static String parameter(HttpServletRequest request, String name, String absent) {
    String value = request.getParameter(name);
    return value == null ? absent : value;
  }

  /** Writes the whole body through one lease; the final write is the last thing service does. */
  private static void writeBlocking(
      DeterministicBody body, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletOutputStream out = response.getOutputStream();
    Lease lease = Respool.lease(request, response, FINAL_WRITE);
    byte[] array = lease.array();
    try {
      for (int n = body.readNBytes(array, 0, FINAL_WRITE);
          n > 0;
          n = body.readNBytes(array, 0, FINAL_WRITE)) {
        out.write(array, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      // The container may still hold the array after a failed write: never reuse it.
      lease.abandon();
      throw e;
    }
    // The final write returned, so the array is the servlet's again; a container that kept it
    // would now send these bytes instead of the body's.
    Arrays.fill(array, SCRIBBLE);
    lease.release();
  }

  /** The non-blocking writer: honest until its final write, which it does not wait for. */
  private static final class NonBlocking implements WriteListener {
    private final DeterministicBody body;
    private final ServletOutputStream out;
    private final AsyncContext async;
    private final boolean reuse;
    private final boolean await;
    private final byte[] array = new byte[FINAL_WRITE];
    private final byte[] last = new byte[FINAL_WRITE];
    /** Bytes before the final write that are still to be written. */
    private long leading;

    private boolean finalWritten;
    private boolean completed;

    NonBlocking(
        DeterministicBody body,
        ServletOutputStream out,
        AsyncContext async,
        boolean reuse,
        boolean await) {
      this.body = body;
      this.out = out;
      this.async = async;
      this.reuse = reuse;
      this.await = await;
      this.leading = body.length() - FINAL_WRITE;
    }

    @Override
    public void onWritePossible() throws IOException {
      while (!completed && out.isReady()) {
        if (leading > 0) {
          // isReady() returned true: the container is done with the previous write of array.
          int n = body.readNBytes(array, 0, (int) Math.min(FINAL_WRITE, leading));
          out.write(array, 0, n);
          leading -= n;
          continue;
        }
        if (finalWritten) {
          // Only with await: isReady() returned true, so the final write is done.
          complete();
          return;
        }
        body.readNBytes(last, 0, FINAL_WRITE);
        out.write(last);
        finalWritten = true;
        if (!await) {
          // Not waiting for isReady(): the write may still be pending as the cycle ends.
          complete();
          if (reuse) {
            Arrays.fill(last, SCRIBBLE);
          }
        }
      }
    }

    private void complete() {
      completed = true;
      async.complete();
    }

    @Override
    public void onError(Throwable failure) {
      if (!completed) {
        complete();
      }
    }
  }
}
