package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Lease;
import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.testkit.Wire;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler.Sequence;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In {@code detect} mode a lease that its request left held or lent is reported once, with the
 * stack that acquired it; in {@code copy} mode nothing is tracked. This suite leaks on purpose, so
 * it runs its own server and pools.
 */
class LeaseLeakIT {

  private final List<LogRecord> reports = new CopyOnWriteArrayList<>();
  private final Handler collector = new Handler() {
    @Override
    public void publish(LogRecord record) {
      reports.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private Server server;
  private String root;
  private ServletContextHandler detect;
  private ServletContextHandler copy;

  @BeforeEach
  void start() throws Exception {
    Logger.getLogger("dev.respool.detect").addHandler(collector);
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    detect = context("/detect", Mode.DETECT);
    copy = context("/copy", Mode.COPY);
    server.setHandler(new Sequence(detect, copy));
    server.start();
    root = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
    Logger.getLogger("dev.respool.detect").removeHandler(collector);
  }

  private static ServletContextHandler context(String path, Mode mode) {
    ServletContextHandler context = new ServletContextHandler(path);
    FilterHolder filter = new FilterHolder(RespoolFilter.class);
    filter.setAsyncSupported(true);
    filter.setInitParameter(RespoolFilter.MODE_PARAM, mode.id());
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    ServletHolder servlet = new ServletHolder(new Leaker());
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/*");
    return context;
  }

  @Test
  void aLeaseForgottenBySynchronousOrAsyncCodeIsReportedOnceWithItsStack() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("/detect/forget")).isEqualTo(200);
      assertThat(get("/detect/forget-async")).isEqualTo(200);
    }

    // The check runs when the container reports the end of the cycle, which may come after the
    // client read the response; wait for it a bounded number of times.
    for (int poll = 0; poll < 50 && runtime(detect).stats().leaks() < 6; poll++) {
      Thread.sleep(100);
    }
    assertThat(runtime(detect).stats().leaks()).isEqualTo(6);
    assertThat(runtime(detect).pool().stats().leasesOut()).isEqualTo(6);
    // One acquiring site, logged once however often it leaked.
    assertThat(reports).hasSize(1);
    LogRecord report = reports.get(0);
    assertThat(report.getMessage())
        .contains("a lease of byte[8192] acquired for GET /detect/forget")
        .contains("was still held when the request completed");
    assertThat(report.getThrown().getStackTrace()[0].getClassName())
        .isEqualTo(Leaker.class.getName());
  }

  @Test
  void aReleasedLeaseIsNotALeak() throws Exception {
    assertThat(get("/detect/release")).isEqualTo(200);

    assertThat(runtime(detect).pool().stats().leasesOut()).isZero();
    assertThat(reports).isEmpty();
  }

  @Test
  void copyModeTracksNothing() throws Exception {
    assertThat(get("/copy/forget")).isEqualTo(200);

    assertThat(runtime(copy).pool().stats().leasesOut()).isEqualTo(1);
    assertThat(runtime(copy).stats().leaks()).isZero();
    assertThat(reports).isEmpty();
  }

  private int get(String path) throws IOException {
    Request request = new Request.Builder().url(root + path).build();
    try (Response response = Wire.HTTP_1_1.client().newCall(request).execute()) {
      response.body().bytes();
      return response.code();
    }
  }

  private static Respool runtime(ServletContextHandler context) {
    return (Respool) context.getServletContext().getAttribute(Respool.ATTRIBUTE);
  }

  /** Takes a lease for each request, and forgets it or releases it, by path. */
  static final class Leaker extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Lease lease = Respool.lease(req, resp, 8000);
      switch (req.getPathInfo()) {
        case "/release" -> lease.release();
        case "/forget-async" -> {
          AsyncContext async = req.startAsync();
          async.start(async::complete);
        }
        default -> {}
      }
      resp.getOutputStream().print("ok");
    }
  }
}
