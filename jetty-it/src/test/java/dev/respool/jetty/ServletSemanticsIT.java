package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolFilter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
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
 * The guarded response behaves as the container's own: each servlet here runs in a context
 * without the filter and in one with it, and both answers must be the same.
 */
class ServletSemanticsIT {

  private static Server server;
  private static String root;

  @BeforeAll
  static void startServer() throws Exception {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    ServerConnector connector = new ServerConnector(
        server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(new Handler.Sequence(
        context("/plain", null), context("/copy", Mode.COPY), context("/detect", Mode.DETECT)));
    server.start();
    root = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.stop();
  }

  private static ServletContextHandler context(String path, Mode mode) {
    ServletContextHandler context = new ServletContextHandler(path);
    if (mode != null) {
      FilterHolder filter = new FilterHolder(RespoolFilter.class);
      filter.setAsyncSupported(true);
      filter.setInitParameter(RespoolFilter.MODE_PARAM, mode.id());
      context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    }
    add(context, "/writer-utf8", new WriterUtf8());
    add(context, "/writer-latin1", new WriterLatin1());
    add(context, "/writer-then-stream", new WriterThenStream());
    add(context, "/stream-then-writer", new StreamThenWriter());
    add(context, "/print", new Print());
    add(context, "/honest-async", new HonestAsync());
    add(context, "/async-response", new WritesThroughAsyncContext());
    return context;
  }

  private static void add(ServletContextHandler context, String path, HttpServlet servlet) {
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, path);
  }

  static Stream<Arguments> cases() {
    return Stream.of(Wire.values())
        .flatMap(wire -> Stream.of(
                "/writer-utf8",
                "/writer-latin1",
                "/writer-then-stream",
                "/stream-then-writer",
                "/print",
                "/honest-async",
                "/async-response")
            .flatMap(path -> Stream.of("/copy", "/detect").map(c -> Arguments.of(wire, c, path))));
  }

  @ParameterizedTest(name = "{0} {1}{2}")
  @MethodSource("cases")
  void theGuardedResponseAnswersAsTheContainerDoes(Wire wire, String context, String path)
      throws IOException {
    Answer plain = fetch(wire, "/plain" + path);
    Answer guarded = fetch(wire, context + path);

    String seen = "answers with the filter: " + guarded + ", without: " + plain;
    assertThat(guarded.status).as(seen).isEqualTo(plain.status);
    assertThat(guarded.contentType).as(seen).isEqualTo(plain.contentType);
    assertThat(guarded.contentLength).as(seen).isEqualTo(plain.contentLength);
    assertThat(guarded.body).as(seen).isEqualTo(plain.body);
    assertThat(plain.body).isNotEmpty();
  }

  private record Answer(int status, String contentType, String contentLength, byte[] body) {
    @Override
    public String toString() {
      String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
      return status + " " + contentType + " length " + contentLength + " [" + text + "]";
    }
  }

  private static Answer fetch(Wire wire, String path) throws IOException {
    Request request = new Request.Builder().url(root + path).build();
    try (Response response = wire.client().newCall(request).execute()) {
      return new Answer(
          response.code(),
          response.header("Content-Type"),
          response.header("Content-Length"),
          response.body().bytes());
    }
  }

  /** Text through the writer in UTF-8, set by character encoding. */
  static final class WriterUtf8 extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setCharacterEncoding("UTF-8");
      resp.setContentType("text/plain");
      PrintWriter writer = resp.getWriter();
      writer.print("h\u00e9llo \u2713 \uD83D\uDE00 ");
      writer.println(42);
    }
  }

  /** Text through the writer in ISO-8859-1, set by content type. */
  static final class WriterLatin1 extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain;charset=ISO-8859-1");
      resp.getWriter().write("caf\u00e9 cr\u00e8me");
    }
  }

  /** The stream after the writer fails; the servlet reports how. */
  static final class WriterThenStream extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      PrintWriter writer = resp.getWriter();
      try {
        resp.getOutputStream();
        writer.print("no failure");
      } catch (IllegalStateException e) {
        writer.print("refused with " + e.getClass().getName());
      }
    }
  }

  /** The writer after the stream fails; the servlet reports how. */
  static final class StreamThenWriter extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      ServletOutputStream out = resp.getOutputStream();
      try {
        resp.getWriter();
        out.print("no failure");
      } catch (IllegalStateException e) {
        out.print("refused with " + e.getClass().getName());
      }
    }
  }

  /** The print methods of the output stream. */
  static final class Print extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      ServletOutputStream out = resp.getOutputStream();
      out.print("abc");
      out.print(true);
      out.println(42L);
      out.print('x');
      out.print(1.5);
      out.println("end");
      out.print(7);
    }
  }

  /**
   * Non-blocking writes of one reused 5,000-byte array, refilled only after isReady() returned
   * true, as the Servlet specification asks.
   */
  static final class HonestAsync extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("application/octet-stream");
      AsyncContext async = req.startAsync();
      ServletOutputStream out = resp.getOutputStream();
      byte[] array = new byte[5_000];
      out.setWriteListener(new WriteListener() {
        int written;

        @Override
        public void onWritePossible() throws IOException {
          while (out.isReady()) {
            if (written == 200) {
              async.complete();
              return;
            }
            Arrays.fill(array, (byte) written);
            out.write(array);
            written++;
          }
        }

        @Override
        public void onError(Throwable t) {
          async.complete();
        }
      });
    }
  }

  /** Blocking writes through the response of the async context, from another thread. */
  static final class WritesThroughAsyncContext extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext async = req.startAsync();
      async.start(() -> {
        try {
          HttpServletResponse response = (HttpServletResponse) async.getResponse();
          response.setContentType("text/plain");
          response.setHeader("X-Wrapped", "yes");
          response.getOutputStream().print("written from a thread of the async context");
        } catch (IOException e) {
          throw new IllegalStateException(e);
        } finally {
          async.complete();
        }
      });
    }
  }
}
