package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.DeterministicBody;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.StatsServlet;
import dev.respool.testkit.WebApp;
import dev.respool.testkit.Wire;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The end of the request is a release signal only once the container is done: a servlet that
 * writes 1 MiB in non-blocking mode, completes the cycle at once and then scribbles over its
 * array must still deliver its body exactly. In {@code detect} mode a lease released too early
 * would be poisoned under the pending write, and the body would show it.
 */
public abstract class CompletionSuite extends ContainerSuite {

  private static final int BODY = 1024 * 1024;

  /** A small send buffer keeps the write pending while the client reads slowly. */
  private static final int SEND_BUFFER = 16 * 1024;

  private ServerUnderTest server;

  /**
   * Runs the suite on {@code container}, with a small socket send buffer.
   *
   * @param container the container that starts the one server, with both applications
   */
  protected CompletionSuite(ServletContainer container) {
    super(container);
  }

  private static WebApp app(String path, Mode mode) {
    return new WebApp(
        path, mode, Map.of("/body", new WriteCompleteScribble(), "/stats", new StatsServlet()));
  }

  /** Starts one server with an application in {@code copy} and one in {@code detect} mode. */
  @Override
  protected void startServers() throws Exception {
    List<WebApp> apps = List.of(app("/copy", Mode.COPY), app("/detect", Mode.DETECT));
    server = stopAfterAll(container().start(apps, SEND_BUFFER));
  }

  /** Each application over both protocols. */
  protected static Stream<Arguments> cases() {
    return Stream.of("/copy", "/detect")
        .flatMap(path -> Stream.of(Wire.values()).map(wire -> Arguments.of(path, wire)));
  }

  /** The body arrives exactly, and every lease comes back, although the array was scribbled. */
  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("cases")
  public void aBodyCompletedRightAfterItsWriteArrivesExactly(String path, Wire wire)
      throws Exception {
    long seed = path.length() * 31L + wire.ordinal();
    Request request = new Request.Builder()
        .url(server.uri().resolve(path.substring(1) + "/body?seed=" + seed).toString())
        .build();

    byte[] received;
    try (Response response = wire.client().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      received = readSlowly(response.body().byteStream());
    }

    assertThat(received.length).isEqualTo(BODY);
    assertThat(MessageDigest.getInstance("SHA-256").digest(received))
        .isEqualTo(DeterministicBody.sha256(BODY, seed));
    RespoolStats stats =
        StatsClient.assertLeasesReturned(server.uri().resolve(path.substring(1) + "/stats"));
    assertThat(stats.defensiveCopies()).isPositive();
  }

  /** Reads 16 KiB at a time with a short pause, so that the server's write stays pending. */
  private static byte[] readSlowly(InputStream in) throws IOException, InterruptedException {
    byte[] all = new byte[BODY + 1];
    int total = 0;
    for (int reads = 0; reads < 10_000; reads++) {
      int n = in.readNBytes(all, total, Math.min(16 * 1024, all.length - total));
      if (n == 0) {
        break;
      }
      total += n;
      Thread.sleep(1);
    }
    return Arrays.copyOf(all, total);
  }

  /** Writes the whole body in one non-blocking write, completes, then scribbles its array. */
  static final class WriteCompleteScribble extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      long seed = Long.parseLong(req.getParameter("seed"));
      byte[] body = new DeterministicBody(BODY, seed).readAllBytes();
      resp.setContentType("application/octet-stream");
      resp.setContentLength(BODY);
      AsyncContext async = req.startAsync();
      async.setTimeout(0);
      ServletOutputStream out = resp.getOutputStream();
      out.setWriteListener(new WriteListener() {
        @Override
        public void onWritePossible() throws IOException {
          if (body[0] == 0 && body[1] == 0 && body[2] == 0) {
            return;
          }
          out.write(body);
          async.complete();
          Arrays.fill(body, (byte) 0);
        }

        @Override
        public void onError(Throwable t) {
          async.complete();
        }
      });
    }
  }
}
