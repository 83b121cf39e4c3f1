package dev.respool.jetty.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A writer that releases each lease as soon as {@code write} returns, while Jetty may still be
 * sending its array: the watch must report it, and must stay quiet when the same writer waits for
 * the release signal.
 *
 * <p>The client reads nothing until the servlet saw {@code isReady()} return false after a write,
 * so that a core write started during that {@code write} call is certain to complete after its
 * lease went back to the pool. Jetty writes a 64 KiB array as two core writes of 32 KiB, the second
 * one once the first is done; with early release that second write may also start after the
 * release, which is reported too. The body is larger than OkHttp's 16 MiB h2 window, and the
 * sockets' buffers are small, so that some write has to wait.
 */
class EarlyReleaseIT {

  private static final long LENGTH = 32L * 1024 * 1024;
  private static final int SOCKET_BUFFER = 16 * 1024;

  static final List<Protocol> PROTOCOLS = Clients.PROTOCOLS;

  private static LeaseWritingServlet servlet;
  private static WatchedServer server;

  /** Reports of the watch, held strongly: the logging framework keeps loggers only weakly. */
  private static Logger reports;

  private static final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private static final Handler recorder = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void start() throws Exception {
    reports = Logger.getLogger(RetentionWatch.LOGGER);
    reports.addHandler(recorder);
    // The reports this test provokes are checked here; they need not fill the build log.
    reports.setUseParentHandlers(false);
    servlet = new LeaseWritingServlet();
    server = WatchedServer.start(Mode.DETECT, Map.of("/leases/*", servlet), SOCKET_BUFFER);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    reports.removeHandler(recorder);
    reports.setUseParentHandlers(true);
  }

  @ParameterizedTest(name = "over {0}")
  @FieldSource("PROTOCOLS")
  void leasesReleasedBeforeJettyCompletedTheirWritesAreReported(Protocol protocol)
      throws Exception {
    long before = server.watch().violations();
    LeaseWritingServlet.Run run = servlet.nextRun();

    Fetch.Fetched fetched =
        Fetch.over(protocol, SOCKET_BUFFER).get(url("early", 11), LENGTH, 11, run.readable);

    assertThat(server.awaitWritesCompleted(1_000))
        .as("every watched write completed")
        .isTrue();
    assertThat(run.writePending)
        .as("a write stayed pending after its lease was released, so it completed after that")
        .isTrue();
    assertThat(fetched.toldToRead()).isTrue();
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(server.watch().violations() - before).isPositive();
    String overProtocol = protocol == Protocol.HTTP_1_1 ? "over HTTP/1.1" : "over HTTP/2";
    assertThat(records).anySatisfy(record -> {
      assertThat(record.getLevel()).isEqualTo(Level.WARNING);
      assertThat(record.getMessage())
          .contains("completed a core write")
          .contains("GET /leases/" + LENGTH + "?seed=11&release=early " + overProtocol)
          .contains("of byte[65536]@")
          .contains("poison pattern");
    });
  }

  @ParameterizedTest(name = "over {0}")
  @FieldSource("PROTOCOLS")
  void leasesReleasedOnTheirReleaseSignalAreNotReported(Protocol protocol) throws Exception {
    long watchedBefore = server.watch().writesWatched();
    long before = server.watch().violations();
    LeaseWritingServlet.Run run = servlet.nextRun();

    Fetch.Fetched fetched =
        Fetch.over(protocol, SOCKET_BUFFER).get(url("signal", 12), LENGTH, 12, run.readable);

    assertThat(server.awaitWritesCompleted(1_000))
        .as("every watched write completed")
        .isTrue();
    assertThat(run.writePending)
        .as("a write stayed pending, as in the early case")
        .isTrue();
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body().exact()).as("body: %s", fetched.body()).isTrue();
    assertThat(server.watch().writesWatched() - watchedBefore).isPositive();
    assertThat(server.watch().violations() - before).isZero();
  }

  private static HttpUrl url(String release, long seed) {
    return server
        .root()
        .newBuilder()
        .addPathSegments("leases/" + LENGTH)
        .addQueryParameter("seed", Long.toString(seed))
        .addQueryParameter("release", release)
        .build();
  }
}
