package dev.respool.bench.e2e;

import dev.respool.Respool;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serves {@code GET /body/{n}}: one of the bodies computed before the server started, with its
 * {@code Content-Length}, copied either with {@link InputStream#transferTo} or with {@link
 * Respool#copy}. It counts the requests it starts, completes and sees aborted, so that the harness
 * can relate what the server did in a window to what the JVM allocated in it.
 */
final class BodyServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The bodies by path info, such as {@code /1024}. */
  private final transient Map<String, byte[]> bodies;

  private final boolean respool;
  private final LongAdder started = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder aborted = new LongAdder();

  /**
   * Creates the servlet.
   *
   * @param bodies the bodies by path info, such as {@code /1024}
   * @param respool whether to copy with {@link Respool#copy} rather than {@code transferTo}
   */
  BodyServlet(Map<String, byte[]> bodies, boolean respool) {
    this.bodies = Map.copyOf(bodies);
    this.respool = respool;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    byte[] body = path == null ? null : bodies.get(path);
    if (body == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    started.increment();
    response.setContentType("application/octet-stream");
    response.setContentLengthLong(body.length);
    try {
      if (respool) {
        Respool.copy(new ArrayBody(body), request, response, body.length);
      } else {
        try (InputStream in = new ArrayBody(body)) {
          in.transferTo(response.getOutputStream());
        }
      }
      completed.increment();
    } catch (IOException e) {
      // The client went away, typically a request still in flight when the load tool stopped.
      aborted.increment();
    }
  }

  /** The counters now; reading them allocates nothing but the snapshot. */
  Counts counts() {
    return new Counts(started.sum(), completed.sum(), aborted.sum());
  }

  /**
   * The servlet's counters at one moment.
   *
   * @param started requests for a known body that reached the copy
   * @param completed requests whose copy returned normally
   * @param aborted requests whose copy failed, because the client went away
   */
  record Counts(long started, long completed, long aborted) {

    /** Requests started and neither completed nor aborted yet. */
    long inFlight() {
      return started - completed - aborted;
    }

    /** The counts of the window from {@code before} to this snapshot. */
    Counts since(Counts before) {
      return new Counts(
          started - before.started, completed - before.completed, aborted - before.aborted);
    }
  }
}
