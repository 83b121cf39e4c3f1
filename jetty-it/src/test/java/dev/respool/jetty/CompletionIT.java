package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.RespoolStats;
import dev.respool.testkit.DeterministicBody;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The end of the request is a release signal only once the container is done: a servlet that
 * writes 1 MiB in non-blocking mode, completes the cycle at once and then scribbles over its
 * array must still deliver its body exactly. In {@code detect} mode a lease released too early
 * would be poisoned under the pending write, and the body would show it.
 */
class CompletionIT {

  private static final int BODY = 1024 * 1024;

  private static Server server;
  private static String root;
  private static ServletContextHandler copy;
  private static ServletContextHandler detect;

  @BeforeAll
  static void startServer() throws Exception {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    ServerConnector connector = new ServerConnector(
        server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    // A small send buffer keeps the write pending while the client reads slowly.
    connector.setAcceptedSendBufferSize(16 * 1024);
    server.addConnector(connector);
    copy = context("/copy", Mode.COPY);
    detect = context("/detect", Mode.DETECT);
    server.setHandler(new Handler.Sequence(copy, detect));
    server.start();
    root = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.stop();
  }

  private static ServletContextHandler context(String path, Mode mode) {
    ServletContextHandler context = new ServletContextHandler(path);
    FilterHolder filter = new FilterHolder(RespoolFilter.class);
    filter.setAsyncSupported(true);
    filter.setInitParameter(RespoolFilter.MODE_PARAM, mode.id());
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    ServletHolder holder = new ServletHolder(new WriteCompleteScribble());
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/body");
    return context;
  }

  static Stream<Arguments> cases() {
    return Stream.of("/copy", "/detect")
        .flatMap(path -> Stream.of(Wire.values()).map(wire -> Arguments.of(path, wire)));
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("cases")
  void aBodyCompletedRightAfterItsWriteArrivesExactly(String path, Wire wire) throws Exception {
    long seed = path.length() * 31L + wire.ordinal();
    Request request =
        new Request.Builder().url(root + path + "/body?seed=" + seed).build();

    byte[] received;
    try (Response response = wire.client().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      received = readSlowly(response.body().byteStream());
    }

    assertThat(received.length).isEqualTo(BODY);
    assertThat(MessageDigest.getInstance("SHA-256").digest(received))
        .isEqualTo(DeterministicBody.sha256(BODY, seed));
    RespoolStats stats = leasesBack(path.equals("/copy") ? copy : detect);
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

  private static RespoolStats leasesBack(ServletContextHandler context) throws Exception {
    Respool respool = (Respool) context.getServletContext().getAttribute(Respool.ATTRIBUTE);
    RespoolStats stats = respool.stats();
    for (int poll = 0; poll < 50 && stats.leasesOut() != 0; poll++) {
      Thread.sleep(100);
      stats = respool.stats();
    }
    assertThat(stats.leasesOut()).as("leases out in %s", stats).isZero();
    return stats;
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
