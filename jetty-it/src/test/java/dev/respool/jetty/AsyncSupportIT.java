package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.testkit.Wire;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** A non-blocking copy from a servlet that is not async-supported says what to change. */
class AsyncSupportIT {

  private static final AtomicBoolean SOURCE_CLOSED = new AtomicBoolean();

  @Test
  void copyAsyncFromASynchronousServletExplainsTheFixAndClosesTheSource() throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder filter = new FilterHolder(RespoolFilter.class);
    filter.setAsyncSupported(true);
    filter.setInitParameter(RespoolFilter.MODE_PARAM, Mode.COPY.id());
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    ServletHolder servlet = new ServletHolder(new SynchronousServlet());
    servlet.setAsyncSupported(false);
    context.addServlet(servlet, "/copy");
    server.setHandler(context);
    server.start();
    try {
      Request request = new Request.Builder()
          .url("http://127.0.0.1:" + connector.getLocalPort() + "/copy")
          .build();
      try (Response response = Wire.HTTP_1_1.client().newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(500);
        assertThat(response.body().string())
            .startsWith("Respool.copyAsync needs asynchronous processing")
            .contains("async-supported");
      }
      assertThat(SOURCE_CLOSED).isTrue();
    } finally {
      server.stop();
    }
  }

  /** Registered without async support. */
  public static final class SynchronousServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      ByteArrayInputStream body = new ByteArrayInputStream(new byte[100]) {
        @Override
        public void close() {
          SOURCE_CLOSED.set(true);
        }
      };
      try {
        Respool.copyAsync(body, req, resp, 100);
      } catch (IllegalStateException e) {
        resp.setStatus(500);
        resp.getWriter().print(e.getMessage());
      }
    }
  }
}
