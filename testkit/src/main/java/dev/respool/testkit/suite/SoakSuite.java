package dev.respool.testkit.suite;

import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.RespoolStats;
import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.Io;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import dev.respool.testkit.Wire;
import dev.respool.testkit.suite.SoakTally.Result;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * A load and fault soak of the filter in {@code copy} mode, on one server over loopback.
 *
 * <p>Many clients at once fetch bodies of every size, mostly small, over HTTP/1.1 and h2c, written
 * each of the three ways; one in ten goes away in the middle of its body, by cancelling the call
 * or closing the body, and one in two hundred stops reading for longer than the server's idle
 * timeout. Every body read to its end must be the one asked for, byte for byte and by its {@code
 * Repr-Digest}, and every byte of one cut short too. Meanwhile a sampler reads the pool every 50
 * ms, which must never keep more than its bound; at the end no lease may be out, and nothing may
 * have been logged but what {@link SoakLog} expects. Every request comes from the seed and its
 * index, so a failure names what to replay.
 *
 * <p>The build runs a short soak: 1,000 requests, bodies up to 1 MiB. The full one, 10,000
 * requests with bodies up to 8 MiB ({@link SoakSettings} lists every property):
 *
 * <pre>
 * mvn -B -pl jetty-it,tomcat-it -am verify -Dit.test=SoakIT \
 *     -Dfailsafe.failIfNoSpecifiedTests=false \
 *     -Drespool.soak.requests=10000 -Drespool.soak.maxBody=8388608
 * </pre>
 *
 * <p>The figures are printed at the end and written to {@code target/soak-report.txt} of the
 * module that runs the soak.
 */
public abstract class SoakSuite extends ContainerSuite {

  /** How long the end of a run may take beyond its time limit: the last calls and the waits. */
  private static final Duration WIND_DOWN = Duration.ofMinutes(5);

  private final ServerEventsSuite.RuntimeProbe probe = new ServerEventsSuite.RuntimeProbe();

  private ServerUnderTest server;

  /**
   * Runs the soak on {@code container}.
   *
   * @param container the container that starts the server, with a short idle timeout and a small
   *     send buffer
   */
  protected SoakSuite(ServletContainer container) {
    super(container);
  }

  /**
   * Whether the container finishes every h2c response written with non-blocking writes once a
   * client that stalled reads on. Tomcat 11.0.29 does not, with or without respool (measured with
   * the filter off too): under load it sometimes sends all but the last few KiB, then nothing,
   * and leaves the stream open, although the copy waited for {@code isReady()} before {@code
   * complete()}. A container module overrides this to return false there; the soak then counts
   * those responses apart and checks the bytes that did arrive, and the report shows whether a
   * newer container still does it.
   */
  protected boolean finishesStalledNonBlockingH2cResponses() {
    return true;
  }

  /**
   * Whether the container keeps an h2 connection open for its other streams when the client resets
   * one stream. Tomcat 11.0.29 sometimes does not, with or without respool: when a stream written
   * with non-blocking writes is reset while its last write waits for the connection's flow-control
   * window, it logs "An error occurred during processing that was fatal to the connection" at
   * DEBUG and closes the connection, and every other stream on it fails. A container module
   * overrides this to return false there; the soak then aborts its h2c requests on connections of
   * their own.
   */
  protected boolean keepsH2cConnectionsWhenAStreamIsReset() {
    return true;
  }

  /** Starts the demo application in copy mode, with a small pool bound and a runtime probe. */
  @Override
  protected void startServers() throws Exception {
    WebApp app = WebApp.demo(Mode.COPY)
        .withFilterParam(
            RespoolFilter.MAX_POOLED_BYTES_PARAM, Long.toString(SoakSettings.MAX_POOLED_BYTES))
        .withServlet("/runtime", probe);
    ConnectorSettings connector = ConnectorSettings.DEFAULTS
        .withSendBuffer(SoakSettings.SEND_BUFFER)
        .withIdleTimeout(SoakSettings.IDLE_TIMEOUT);
    server = stopAfterAll(
        ServerUnderTest.requireMode(container().start(List.of(app), connector), Mode.COPY));
  }

  /** The soak: every body exact, no lease out, the bound kept, nothing unexpected logged. */
  @Test
  public void manyClientsThatAbortAndStallLeaveNoLeaseOutAndGetExactBodies() throws Exception {
    SoakSettings settings = SoakSettings.fromSystemProperties();
    List<SoakRequest> plan = settings.only() >= 0
        ? List.of(SoakRequest.draw(settings, settings.only()))
        : IntStream.range(0, settings.requests())
            .mapToObj(index -> SoakRequest.draw(settings, index))
            .toList();
    Respool runtime = probe.runtimeOf(server.uri());
    SoakTally tally = new SoakTally();

    SoakReport report;
    try (SoakLog log = SoakLog.start(container().loggerNames());
        PoolSampler sampler = PoolSampler.start(runtime, settings.timeLimit().plus(WIND_DOWN))) {
      long started = System.nanoTime();
      try (SoakExchanges exchanges = new SoakExchanges(
          server.uri(), settings.concurrency(), !keepsH2cConnectionsWhenAStreamIsReset())) {
        runAll(plan, exchanges, tally, settings);
      }
      Duration duration = Duration.ofNanos(System.nanoTime() - started);
      RespoolStats end = awaitLeases();
      sampler.stop();
      log.stop();
      report = new SoakReport(
          container().name(),
          settings,
          plan.size(),
          tally,
          end,
          sampler.samples(),
          sampler.peakPooledBytes(),
          sampler.peakLeasesOut(),
          sampler.firstOverBound(),
          log.expectedByKind(),
          log.overTheirLimit(tally),
          log.unexpected(),
          duration);
    }
    report.publish();

    SoftAssertions.assertSoftly(softly -> {
      softly
          .assertThat(tally.requests())
          .as("requests run before the time limit")
          .isEqualTo(plan.size());
      softly.assertThat(tally.failures()).as("failed or corrupted requests").isEmpty();
      softly.assertThat(tally.count(Result.FAILED)).as("failed requests").isZero();
      softly
          .assertThat(tally.count(Wire.H2C, Io.BLOCKING, Result.STALL_LEFT_OPEN))
          .as("h2c responses written with blocking writes and left open after a stall")
          .isZero();
      if (finishesStalledNonBlockingH2cResponses()) {
        softly
            .assertThat(tally.count(Result.STALL_LEFT_OPEN))
            .as("h2c responses left open after a stall")
            .isZero();
      }
      softly.assertThat(tally.corrupted()).as("corrupted bytes").isZero();
      softly.assertThat(report.end().leasesOut()).as("leases out at the end").isZero();
      softly
          .assertThat(report.overBound())
          .as("a sample with pooledBytes over the bound")
          .isNull();
      softly
          .assertThat(report.unexpectedLogs().stream().map(SoakLog::describe))
          .as("log records of no expected kind")
          .isEmpty();
      softly
          .assertThat(report.logsOverLimit())
          .as("expected kinds of log record, more often than the requests can cause")
          .isEmpty();
    });
  }

  /**
   * Runs the plan on {@code concurrency} threads, each taking the next request as it finishes one,
   * until the plan is done or the time limit passed.
   */
  private static void runAll(
      List<SoakRequest> plan, SoakExchanges exchanges, SoakTally tally, SoakSettings settings)
      throws InterruptedException {
    long deadline = System.nanoTime() + settings.timeLimit().toNanos();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    int step = Math.max(1, plan.size() / 10);
    int workers = Math.min(settings.concurrency(), plan.size());
    AtomicInteger names = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(
        workers, task -> new Thread(task, "respool-soak-client-" + names.incrementAndGet()));
    try {
      for (int worker = 0; worker < workers; worker++) {
        pool.execute(() -> {
          for (int index = next.getAndIncrement();
              index < plan.size() && System.nanoTime() - deadline < 0;
              index = next.getAndIncrement()) {
            tally.add(exchanges.run(plan.get(index)));
            int finished = done.incrementAndGet();
            if (finished % step == 0) {
              System.out.printf("soak: %d of %d requests%n", finished, plan.size());
            }
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(settings.timeLimit().plus(WIND_DOWN).toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The counters once every lease came back, waiting a bounded while as {@link
   * ServerUnderTest#assertLeasesReturned} does; or the counters after that wait, for the report.
   */
  private RespoolStats awaitLeases() throws Exception {
    try {
      return server.assertLeasesReturned();
    } catch (AssertionError leasesStillOut) {
      return server.stats();
    }
  }
}
