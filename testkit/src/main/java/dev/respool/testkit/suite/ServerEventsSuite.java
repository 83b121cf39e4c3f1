package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolStats;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.BytesServlet;
import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.CorruptionCounter;
import dev.respool.testkit.Io;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import dev.respool.testkit.Wire;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What happens to leases when the server stops in the middle of writes, and when a client stalls
 * past the idle timeout: each lease is returned or abandoned, none stays out, and no write that
 * may still hold an array gets that array's lease back into the pool, which the bytes that do
 * arrive show.
 */
public abstract class ServerEventsSuite extends ContainerSuite {

  private static final long BODY = 64L * 1024 * 1024;

  /** Short, so that a stall outlasts it several times over. */
  private static final Duration IDLE_TIMEOUT = Duration.ofMillis(300);

  /** More than three times the idle timeout: the server may give up on the response meanwhile. */
  private static final long STALL_MILLIS = 1_000;

  /** The modes whose runtimes see a stop; {@code off} has no guarded writes to see it. */
  private static final List<Mode> STOPPED_MODES = List.of(Mode.COPY, Mode.DETECT, Mode.POOL);

  /** Each reader of a stopped server reads this much, then holds still until the stop is over. */
  private static final long READ_BEFORE_STOP = 1024 * 1024;

  /** The demo application in {@code detect} mode, with the idle timeout; for the stalls. */
  private ServerUnderTest stalled;

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the servers, with a small send buffer and, for
   *     the stalled client, a short idle timeout
   */
  protected ServerEventsSuite(ServletContainer container) {
    super(container);
  }

  /** Starts the server for the stalled clients; the stop test starts one of its own. */
  @Override
  protected void startServers() throws Exception {
    ConnectorSettings settings = ConnectorSettings.DEFAULTS
        .withSendBuffer(Pieces.SMALL_SEND_BUFFER)
        .withIdleTimeout(IDLE_TIMEOUT);
    stalled = ServerUnderTest.requireMode(
        stopAfterAll(container().start(List.of(WebApp.demo(Mode.DETECT)), settings)), Mode.DETECT);
  }

  /**
   * Readers in {@code copy}, {@code detect} and {@code pool} mode, four in each (over both
   * protocols, through the blocking and the non-blocking copy), are cut off when the server stops;
   * once stopped, it has no lease out in any mode, and what it sent is exact. The readers hold
   * still while the server stops, so that its writes are still pending when the stop ends them,
   * however long the container lets requests in service run on: by default Tomcat 11 gives them
   * seconds (its context's unload delay, then its executor's termination timeout), long enough
   * for a reader that kept reading to get all 64 MiB.
   */
  @Test
  public void aServerStoppedDuringWritesLeavesNoLeaseOut() throws Exception {
    Map<Mode, RuntimeProbe> probes = new EnumMap<>(Mode.class);
    List<WebApp> apps = new ArrayList<>();
    for (Mode mode : STOPPED_MODES) {
      probes.put(mode, new RuntimeProbe());
      apps.add(new WebApp(
          "/" + mode.id(),
          mode,
          Map.of("/bytes/*", new BytesServlet(), "/runtime", probes.get(mode))));
    }
    ServerUnderTest server = container().start(apps, Pieces.SMALL_SEND_BUFFER);
    int readers = STOPPED_MODES.size() * 4;
    ExecutorService clients = Executors.newFixedThreadPool(readers);
    CountDownLatch holding = new CountDownLatch(readers);
    CountDownLatch stopOver = new CountDownLatch(1);
    boolean stopped = false;
    try {
      // Read before the stop: a stopped server answers no requests for its counters.
      Map<Mode, Respool> runtimes = new EnumMap<>(Mode.class);
      Map<Future<CorruptionCounter>, String> reads = new LinkedHashMap<>();
      for (Mode mode : STOPPED_MODES) {
        URI root = server.uri().resolve(mode.id() + "/");
        runtimes.put(mode, probes.get(mode).runtimeOf(root));
        for (Wire wire : Wire.values()) {
          for (Io io : new Io[] {Io.BLOCKING, Io.ASYNC}) {
            Future<CorruptionCounter> read =
                clients.submit(() -> readUntilCut(root, wire, io, holding, stopOver));
            reads.put(read, mode + " " + io + " over " + wire);
          }
        }
      }
      assertThat(holding.await(30, TimeUnit.SECONDS)).as("all readers holding").isTrue();

      stopped = true;
      server.stop();
      stopOver.countDown();

      for (Map.Entry<Future<CorruptionCounter>, String> read : reads.entrySet()) {
        CorruptionCounter received = read.getKey().get(1, TimeUnit.MINUTES);
        assertThat(received.received()).as("%s: %s", read.getValue(), received).isLessThan(BODY);
        assertThat(received.corrupted()).as("%s: %s", read.getValue(), received).isZero();
      }
      for (Map.Entry<Mode, Respool> runtime : runtimes.entrySet()) {
        RespoolStats stats = leasesBack(runtime.getValue());
        assertThat(stats.acquires()).as("acquires in mode %s", runtime.getKey()).isPositive();
      }
    } finally {
      stopOver.countDown();
      clients.shutdownNow();
      if (!stopped) {
        server.stop();
      }
    }
  }

  /**
   * A client that stops reading for longer than the idle timeout gets exact bytes as far as it
   * gets, whatever the server did meanwhile; no lease stays out, and the server then serves the
   * next client exactly.
   */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void aClientStalledPastTheIdleTimeoutLeavesNoLeaseOut(Wire wire) throws Exception {
    for (Io io : Io.values()) {
      OkHttpClient client =
          wire.client().newBuilder().connectionPool(new ConnectionPool()).build();
      CorruptionCounter received = new CorruptionCounter(BODY, 5);
      try (InputStream body = open(client, stalled.uri(), io, 5)) {
        Pieces.read(body, 64 * 1024, BODY, (piece, n, index) -> {
          received.update(piece, 0, n);
          if (index == 16) {
            Thread.sleep(STALL_MILLIS);
          }
        });
      } catch (IOException expectedIfTheServerGaveUp) {
        // The client learns of it when it resumes reading.
      } finally {
        client.connectionPool().evictAll();
      }
      // Cut short or whole, what arrived is exact.
      assertThat(received.corrupted()).as("%s: %s", io, received).isZero();
    }

    stalled.assertLeasesReturned();
    stalled.get(wire, Io.ASYNC, 1024 * 1024, 6).assertIntact();
  }

  /**
   * Reads slowly until the server cuts the response; past the first MiB, counts {@code holding}
   * down and reads nothing more until {@code stopOver}.
   */
  private static CorruptionCounter readUntilCut(
      URI root, Wire wire, Io io, CountDownLatch holding, CountDownLatch stopOver)
      throws Exception {
    OkHttpClient client =
        wire.client().newBuilder().connectionPool(new ConnectionPool()).build();
    CorruptionCounter received = new CorruptionCounter(BODY, 7);
    try (InputStream body = open(client, root, io, 7)) {
      Pieces.read(body, Pieces.SLOW_PIECE, BODY, (piece, n, index) -> {
        received.update(piece, 0, n);
        if (index == READ_BEFORE_STOP / Pieces.SLOW_PIECE - 1) {
          holding.countDown();
          stopOver.await(1, TimeUnit.MINUTES);
        }
        Thread.sleep(1);
      });
    } catch (IOException | InterruptedException expectedWhenTheServerStops) {
      // The server went away in the middle of the body.
    } finally {
      client.connectionPool().evictAll();
    }
    return received;
  }

  /** Starts {@code GET /bytes/64MiB} and returns its body, unread; closing it ends the call. */
  private static InputStream open(OkHttpClient client, URI root, Io io, long seed)
      throws IOException {
    Request request =
        new Request.Builder().url(BodyClient.bytesUrl(root, io, BODY, seed)).build();
    Response response = client.newCall(request).execute();
    if (response.code() != 200) {
      response.close();
      throw new AssertionError("status " + response.code() + " of " + request.url());
    }
    return response.body().byteStream();
  }

  /** Waits a bounded while for the last lease, through the runtime itself. */
  private static RespoolStats leasesBack(Respool respool) throws InterruptedException {
    RespoolStats stats = respool.stats();
    for (int poll = 0; poll < 100 && stats.leasesOut() != 0; poll++) {
      Thread.sleep(100);
      stats = respool.stats();
    }
    assertThat(stats.leasesOut()).as("leases out in %s", stats).isZero();
    return stats;
  }

  /**
   * Answers 204 and keeps the runtime of the filter that handled the request, so that a test in
   * the same JVM can read the filter's counters after its server stopped.
   */
  static final class RuntimeProbe extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private transient volatile Respool runtime;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      runtime = Respool.of(req);
      resp.setStatus(204);
    }

    /** Asks the application at {@code root} for the runtime of its filter. */
    Respool runtimeOf(URI root) throws IOException {
      Request request =
          new Request.Builder().url(root.resolve("runtime").toString()).build();
      try (Response response = Wire.HTTP_1_1.client().newCall(request).execute()) {
        assertThat(response.code()).as("status of GET /runtime").isEqualTo(204);
      }
      assertThat(runtime).as("runtime seen by the probe").isNotNull();
      return runtime;
    }
  }
}
