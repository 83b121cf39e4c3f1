package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.RespoolStats;
import dev.respool.testkit.DeterministicBody;
import dev.respool.testkit.Wire;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Copies that fail on the server's side, or meet a response that is already closed, or a HEAD
 * request, leave no lease out, in every mode, over both protocols.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailuresIT {

  private static final int BODY = 1024 * 1024;

  private Server server;
  private String root;
  private final Map<Mode, ServletContextHandler> contexts = new EnumMap<>(Mode.class);

  @BeforeAll
  void startServer() throws Exception {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    ServerConnector connector = new ServerConnector(
        server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    Handler.Sequence handlers = new Handler.Sequence();
    for (Mode mode : Mode.values()) {
      ServletContextHandler context = context("/" + mode.id(), mode);
      contexts.put(mode, context);
      handlers.addHandler(context);
    }
    server.setHandler(handlers);
    server.start();
    root = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll
  void stopServer() throws Exception {
    server.stop();
  }

  private static ServletContextHandler context(String path, Mode mode) {
    ServletContextHandler context = new ServletContextHandler(path);
    FilterHolder filter = new FilterHolder(RespoolFilter.class);
    filter.setAsyncSupported(true);
    filter.setInitParameter(RespoolFilter.MODE_PARAM, mode.id());
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    ServletHolder servlet = new ServletHolder(new Scenarios());
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
    return context;
  }

  static Stream<Arguments> cases() {
    return Stream.of(Mode.values())
        .flatMap(mode -> Stream.of(Wire.values())
            .flatMap(
                wire -> Stream.of("blocking", "async").map(io -> Arguments.of(mode, wire, io))));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void aSourceFailingBeforeTheFirstByteGivesAnErrorStatus(Mode mode, Wire wire, String io)
      throws Exception {
    assertThat(fetch(wire, mode, "GET", "/fail-at?at=0&io=" + io).code()).isEqualTo(500);

    assertLeasesBack(mode);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void aSourceFailingMidwayEndsTheBodyShort(Mode mode, Wire wire, String io) throws Exception {
    Fetched fetched = fetch(wire, mode, "GET", "/fail-at?at=300000&io=" + io);

    assertThat(fetched.code()).isEqualTo(200);
    assertThat(fetched.bytes()).isLessThan(BODY);
    assertLeasesBack(mode);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void aCopyIntoAClosedResponseLeavesNoLeaseOut(Mode mode, Wire wire, String io) throws Exception {
    assertThat(fetch(wire, mode, "GET", "/closed?io=" + io).bytes()).isLessThan(BODY);

    assertLeasesBack(mode);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void aHeadRequestToAStreamingCopyHasNoBody(Mode mode, Wire wire, String io) throws Exception {
    Fetched fetched = fetch(wire, mode, "HEAD", "/stream?io=" + io);

    assertThat(fetched.code()).isEqualTo(200);
    assertThat(fetched.contentLength()).isEqualTo(Integer.toString(BODY));
    assertThat(fetched.bytes()).isZero();
    assertLeasesBack(mode);
  }

  private record Fetched(int code, String contentLength, long bytes) {}

  private Fetched fetch(Wire wire, Mode mode, String method, String path) throws IOException {
    Request request = new Request.Builder()
        .url(root + "/" + mode.id() + path)
        .method(method, null)
        .build();
    try (Response response = wire.client().newCall(request).execute()) {
      long bytes = 0;
      try (InputStream body = response.body().byteStream()) {
        bytes = body.transferTo(OutputStream.nullOutputStream());
      } catch (IOException expectedWhenTheBodyEndsShort) {
        bytes = -1;
      }
      return new Fetched(response.code(), response.header("Content-Length"), Math.max(bytes, 0));
    }
  }

  private void assertLeasesBack(Mode mode) throws InterruptedException {
    Respool respool =
        (Respool) contexts.get(mode).getServletContext().getAttribute(Respool.ATTRIBUTE);
    RespoolStats stats = respool.stats();
    for (int poll = 0; poll < 50 && stats.leasesOut() != 0; poll++) {
      Thread.sleep(100);
      stats = respool.stats();
    }
    assertThat(stats.leasesOut()).as("leases out in %s", stats).isZero();
  }

  /** The scenarios, chosen by path; {@code io} picks the blocking or the non-blocking copy. */
  static final class Scenarios extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("application/octet-stream");
      resp.setContentLength(BODY);
      InputStream body = new DeterministicBody(BODY, 9);
      switch (req.getPathInfo()) {
        case "/fail-at" -> body = failingAt(body, Long.parseLong(req.getParameter("at")));
        case "/closed" -> resp.getOutputStream().close();
        default -> {}
      }
      if ("async".equals(req.getParameter("io"))) {
        Respool.copyAsync(body, req, resp, BODY);
      } else {
        Respool.copy(body, req, resp, BODY);
      }
    }

    private static InputStream failingAt(InputStream body, long at) {
      return new FilterInputStream(body) {
        private long position;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (position >= at) {
            throw new IOException("the source failed at byte " + position);
          }
          int n = super.read(b, off, (int) Math.min(len, at - position));
          position += Math.max(n, 0);
          return n;
        }
      };
    }
  }
}
