package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Lease;
import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolStats;
import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.LogCollector;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.StatsServlet;
import dev.respool.testkit.WebApp;
import dev.respool.testkit.Wire;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In {@code detect} mode a lease that its request left held or lent is reported once, with the
 * stack that acquired it; in {@code copy} mode nothing is tracked. The tests leak on purpose, so
 * each runs on a server, and so with pools, of its own.
 */
public abstract class LeaseLeakSuite extends ContainerSuite {

  private ServerUnderTest server;
  private LogCollector reports;

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts a server for each test
   */
  protected LeaseLeakSuite(ServletContainer container) {
    super(container);
  }

  /** Nothing for the whole class: each test starts a server of its own. */
  @Override
  protected void startServers() {}

  /** Starts a server with the leaking servlet in {@code detect} and in {@code copy} mode. */
  @BeforeEach
  public void startServer() throws Exception {
    reports = LogCollector.start("dev.respool.detect");
    List<WebApp> apps = List.of(app(Mode.DETECT), app(Mode.COPY));
    server = container().start(apps, ConnectorSettings.DEFAULTS);
  }

  /** Stops this test's server. */
  @AfterEach
  public void stopServer() throws Exception {
    reports.close();
    if (server != null) {
      ServerUnderTest stopping = server;
      server = null;
      stopping.stop();
    }
  }

  private static WebApp app(Mode mode) {
    return new WebApp(
        "/" + mode.id(), mode, Map.of("/lease/*", new Leaker(), "/stats", new StatsServlet()));
  }

  /** Six leaks from one place of the code make one report, with the stack that acquired. */
  @Test
  public void aLeaseForgottenBySynchronousOrAsyncCodeIsReportedOnceWithItsStack() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(get("detect/lease/forget")).isEqualTo(200);
      assertThat(get("detect/lease/forget-async")).isEqualTo(200);
    }

    // The check runs when the container reports the end of the cycle, which may come after the
    // client read the response; wait for it a bounded number of times.
    RespoolStats stats = stats(Mode.DETECT);
    for (int poll = 0; poll < 50 && stats.leaks() < 6; poll++) {
      Thread.sleep(100);
      stats = stats(Mode.DETECT);
    }
    assertThat(stats.leaks()).as("leaks in %s", stats).isEqualTo(6);
    assertThat(stats.leasesOut()).as("leases out in %s", stats).isEqualTo(6);
    List<LogRecord> records = reports.records();
    assertThat(records).hasSize(1);
    LogRecord report = records.get(0);
    assertThat(report.getMessage())
        .contains("a lease of byte[8192] acquired for GET /detect/lease/forget")
        .contains("was still held when the request completed");
    assertThat(report.getThrown().getStackTrace()[0].getClassName())
        .isEqualTo(Leaker.class.getName());
  }

  /** A lease released before the request completed is neither out nor reported. */
  @Test
  public void aReleasedLeaseIsNotALeak() throws Exception {
    assertThat(get("detect/lease/release")).isEqualTo(200);

    StatsClient.assertLeasesReturned(server.uri().resolve("detect/stats"));
    assertThat(stats(Mode.DETECT).leaks()).isZero();
    assertThat(reports.records()).isEmpty();
  }

  /** Only {@code detect} mode pays for tracking leases: {@code copy} leaves one out, silently. */
  @Test
  public void copyModeTracksNothing() throws Exception {
    assertThat(get("copy/lease/forget")).isEqualTo(200);

    RespoolStats stats = stats(Mode.COPY);
    assertThat(stats.leasesOut()).as("leases out in %s", stats).isEqualTo(1);
    assertThat(stats.leaks()).as("leaks in %s", stats).isZero();
    assertThat(reports.records()).isEmpty();
  }

  private int get(String path) throws IOException {
    Request request =
        new Request.Builder().url(server.uri().resolve(path).toString()).build();
    try (Response response = Wire.HTTP_1_1.client().newCall(request).execute()) {
      response.body().bytes();
      return response.code();
    }
  }

  private RespoolStats stats(Mode mode) throws IOException {
    return StatsClient.read(server.uri().resolve(mode.id() + "/stats"));
  }

  /** Takes a lease for each request, and forgets it or releases it, by path. */
  static final class Leaker extends HttpServlet {
    private static final long serialVersionUID = 1L;

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
