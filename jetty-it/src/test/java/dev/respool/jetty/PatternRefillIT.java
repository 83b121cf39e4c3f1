package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.RespoolStats;
import dev.respool.testkit.PatternRefillServlet;
import dev.respool.testkit.Wire;
import jakarta.servlet.DispatcherType;
import java.io.InputStream;
import java.util.EnumSet;
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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application that refills its one 64 KiB array right after each non-blocking write: {@code
 * copy} delivers its patterns in order, {@code detect} reports every refill, and without the
 * filter the patterns run into each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatternRefillIT {

  private static final int CHUNKS = 64;

  private Server server;
  private String root;
  private ServletContextHandler copy;
  private ServletContextHandler detect;

  @BeforeAll
  void startServer() throws Exception {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    ServerConnector connector = new ServerConnector(
        server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setAcceptedSendBufferSize(16 * 1024);
    server.addConnector(connector);
    copy = context("/copy", Mode.COPY);
    detect = context("/detect", Mode.DETECT);
    server.setHandler(new Handler.Sequence(copy, detect, context("/off", Mode.OFF)));
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
    ServletHolder servlet = new ServletHolder(new PatternRefillServlet());
    servlet.setAsyncSupported(true);
    context.addServlet(servlet, "/patterns");
    return context;
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void copyModeDeliversThePatternsInOrder(Wire wire) throws Exception {
    assertThat(misplacedBytes(wire, "/copy")).isZero();
    assertThat(stats(copy).leasesOut()).isZero();
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void detectModeReportsEveryRefill(Wire wire) throws Exception {
    long before = stats(detect).detections();

    assertThat(misplacedBytes(wire, "/detect")).isZero();

    // Every write is followed by a refill before its release signal.
    assertThat(stats(detect).detections() - before).isEqualTo(CHUNKS);
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void withoutTheFilterThePatternsRunIntoEachOther(Wire wire) throws Exception {
    assertThat(misplacedBytes(wire, "/off")).isPositive();
  }

  /** Reads the patterns slowly and counts the bytes that are not their chunk's pattern. */
  private long misplacedBytes(Wire wire, String context) throws Exception {
    Request request =
        new Request.Builder().url(root + context + "/patterns?chunks=" + CHUNKS).build();
    long misplaced = 0;
    long position = 0;
    try (Response response = wire.client().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      InputStream body = response.body().byteStream();
      byte[] chunk = new byte[16 * 1024];
      for (int reads = 0; reads < 100_000; reads++) {
        int n = body.readNBytes(chunk, 0, chunk.length);
        if (n == 0) {
          break;
        }
        for (int i = 0; i < n; i++, position++) {
          if (chunk[i]
              != PatternRefillServlet.pattern((int) (position / PatternRefillServlet.CHUNK))) {
            misplaced++;
          }
        }
        Thread.sleep(1);
      }
    }
    assertThat(position).isEqualTo((long) CHUNKS * PatternRefillServlet.CHUNK);
    return misplaced;
  }

  private static RespoolStats stats(ServletContextHandler context) throws InterruptedException {
    Respool respool = (Respool) context.getServletContext().getAttribute(Respool.ATTRIBUTE);
    RespoolStats stats = respool.stats();
    for (int poll = 0; poll < 50 && stats.leasesOut() != 0; poll++) {
      Thread.sleep(100);
      stats = respool.stats();
    }
    return stats;
  }
}
