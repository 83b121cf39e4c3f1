package dev.respool.testkit;

import dev.respool.Respool;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@link DeterministicBody deterministic bodies}, so a client can check every byte of a
 * response against the {@code Repr-Digest} header sent ahead of it.
 *
 * <p>Map it to {@code /bytes/*} with asynchronous processing enabled. It answers
 * {@code GET /bytes/{n}?seed={s}&io={io}}:
 *
 * <ul>
 *   <li>{@code n}: the body length, 0 to {@link #MAX_LENGTH};
 *   <li>{@code seed}: any long, 0 when absent;
 *   <li>{@code io}: {@code blocking} (the default) copies with {@link Respool#copy}, {@code async}
 *       with {@link Respool#copyAsync}, and {@code naive} with {@link NaiveAsyncCopy}, which
 *       recycles its array too early on purpose.
 * </ul>
 *
 * <p>The response has {@code Content-Type: application/octet-stream}, {@code Content-Length: n}
 * and {@code Repr-Digest}. {@code HEAD} sends the same headers and no body. A bad parameter gets
 * 400 with a one-line {@code text/plain} reason; other methods get 405.
 */
public final class BytesServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** The largest body served: 4 GiB. */
  public static final long MAX_LENGTH = 4L << 30;

  private static final String ALLOWED = "GET, HEAD";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String method = request.getMethod();
    if (method.equals("GET")) {
      doGet(request, response);
    } else if (method.equals("HEAD")) {
      doHead(request, response);
    } else {
      response.setHeader("Allow", ALLOWED);
      reply(
          response, 405, "method " + BytesRequest.quote(method) + " not allowed; use GET or HEAD");
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    BytesRequest bytes = parseOrReply(request, response);
    if (bytes == null) {
      return;
    }
    if (bytes.io() != Io.BLOCKING && !request.isAsyncSupported()) {
      reply(
          response,
          500,
          "io=" + bytes.io().id() + " needs BytesServlet registered with"
              + " asynchronous processing enabled, and every filter before it too");
      return;
    }

    writeHeaders(response, bytes);
    DeterministicBody body = new DeterministicBody(bytes.length(), bytes.seed());
    switch (bytes.io()) {
      case BLOCKING -> Respool.copy(body, request, response, bytes.length());
      case ASYNC -> {
        startWithoutDeadline(request);
        // The copier completes the async cycle and settles its lease whatever happens; a client
        // that went away is not this servlet's failure, so the outcome needs no handling here.
        Respool.copyAsync(body, request, response, bytes.length());
      }
      case NAIVE -> {
        startWithoutDeadline(request);
        NaiveAsyncCopy.start(body, request, response);
      }
    }
  }

  /** Sends the headers a {@code GET} would, without computing or copying the body itself. */
  @Override
  protected void doHead(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    BytesRequest bytes = parseOrReply(request, response);
    if (bytes != null) {
      writeHeaders(response, bytes);
    }
  }

  private static BytesRequest parseOrReply(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      return BytesRequest.parse(
          request.getPathInfo(), request.getParameter("seed"), request.getParameter("io"));
    } catch (IllegalArgumentException e) {
      reply(response, 400, e.getMessage());
      return null;
    }
  }

  private static void writeHeaders(HttpServletResponse response, BytesRequest bytes) {
    response.setContentType("application/octet-stream");
    response.setContentLengthLong(bytes.length());
    response.setHeader(ReprDigest.HEADER, ReprDigest.forBody(bytes.length(), bytes.seed()));
  }

  /**
   * Starts the async cycle with no overall deadline: a large body to a slow but live client may
   * take longer than the container's default, and the connection's idle timeout still ends a
   * client that stopped reading.
   */
  private static void startWithoutDeadline(HttpServletRequest request) {
    AsyncContext context =
        request.isAsyncStarted() ? request.getAsyncContext() : request.startAsync();
    context.setTimeout(0);
  }

  private static void reply(HttpServletResponse response, int status, String line)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=UTF-8");
    byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
