package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.respool.Mode;
import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import dev.respool.testkit.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarded response cannot be told from the container's: random scripts of response operations
 * (writes, prints, flushes, content lengths, buffer sizes, resets, errors, redirects, closes,
 * statuses and headers; blocking, from {@code AsyncContext.start}, in an {@code ASYNC} dispatch,
 * or in non-blocking mode; {@code GET} and {@code HEAD}) run once on a server without the filter
 * and once on each of two servers with it, in {@code copy} and in {@code detect} mode, and every
 * answer must be the same: status, headers but {@link Observed#VARYING_HEADERS}, body bytes, how
 * the exchange ended, and what each operation returned or threw on the server.
 *
 * <p>Each script comes from a seed, so a failure names the seed that reproduces it, after
 * shrinking the script to the fewest operations that still show the difference. The seeds are 0
 * to 199 by default, each as a {@code GET} and as a {@code HEAD} over both protocols: 800 scripts,
 * each sent to the three servers, in about 10 to 25 s a class. More, or others, with system
 * properties, for example {@code -Drespool.fidelity.seeds=5000} or {@code
 * -Drespool.fidelity.first=17 -Drespool.fidelity.seeds=1} (failsafe passes the {@code -D} options
 * of {@code mvn} on to the tests).
 *
 * <p>Where the container itself answers the same request in more than one way, the scripts avoid
 * it by construction, never by retries: see {@link OpScript} (buffer sizes, statuses), {@link
 * OpScriptServlet#apply} (errors, redirects and failed writes outside a dispatch), {@link
 * #endsNonBlockingHeadOverH2c}, and how {@link #fetch} uses connections. A control run, {@code
 * -Drespool.fidelity.compare=plain}, compares the server without the filter with itself, and
 * shows any such case that is left.
 */
public abstract class FidelitySuite extends ContainerSuite {

  /** The system property with the number of seeds to run over each protocol. */
  public static final String SEEDS_PROPERTY = "respool.fidelity.seeds";

  /** The system property with the first seed to run. */
  public static final String FIRST_SEED_PROPERTY = "respool.fidelity.first";

  /**
   * The system property with the deployments to compare with the one without the filter: {@code
   * copy,detect} by default. {@code plain} compares that deployment with itself, a control run
   * that shows what the container alone does not repeat exactly.
   */
  public static final String COMPARE_PROPERTY = "respool.fidelity.compare";

  /** Seeds over each protocol unless {@value #SEEDS_PROPERTY} says otherwise. */
  private static final int DEFAULT_SEEDS = 200;

  /** The most scripts one shrink tries, each a request with and one without the filter. */
  private static final int MAX_SHRINK_CHECKS = 80;

  /** The longest one shrink may take; it stops with the shortest script found by then. */
  private static final Duration SHRINK_BUDGET = Duration.ofSeconds(60);

  /**
   * How long the client waits for more of a response. Longer than the servlet's async timeout,
   * so that a run that never ends is ended by the server, the same way in every deployment.
   */
  private static final Duration READ_TIMEOUT =
      Duration.ofMillis(OpScriptServlet.ASYNC_TIMEOUT_MILLIS + 2_000);

  /** How long the test waits for a run's record after its response. */
  private static final Duration RECORD_WAIT = READ_TIMEOUT;

  /** The three deployments of the same servlet. */
  enum Deployment {
    PLAIN(null),
    COPY(Mode.COPY),
    DETECT(Mode.DETECT);

    private final Mode mode;

    Deployment(Mode mode) {
      this.mode = mode;
    }

    /** How reports name it. */
    String label() {
      return mode == null ? "without the filter" : "with the filter in " + mode.id() + " mode";
    }
  }

  private final OpJournal journal = new OpJournal();
  private final Map<Deployment, ServerUnderTest> servers = new EnumMap<>(Deployment.class);
  private final AtomicLong runs = new AtomicLong();

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the three servers
   */
  protected FidelitySuite(ServletContainer container) {
    super(container);
  }

  /**
   * Starts a server for each deployment, each with the servlet at {@code /app/run}: the same URL
   * on every server, so that nothing the container derives from it can differ.
   */
  @Override
  protected void startServers() throws Exception {
    for (Deployment deployment : Deployment.values()) {
      WebApp app =
          new WebApp("/app", deployment.mode, Map.of("/run", new OpScriptServlet(journal)));
      servers.put(
          deployment, stopAfterAll(container().start(List.of(app), ConnectorSettings.DEFAULTS)));
    }
  }

  /**
   * Seeds this container's filter is known to answer differently for, each with the difference in
   * a comment; they are left out. None so far.
   */
  protected Set<Long> knownDifferences() {
    return Set.of();
  }

  /**
   * Whether the container ends a {@code HEAD} over h2c whose body the application flushes in
   * non-blocking mode. Jetty 12.1.14 does not, with or without respool: the flush never completes,
   * so {@code flushBuffer()} blocks and {@code isReady()} stays false until the client gives up,
   * and the async timeout does not fire meanwhile. A container module overrides this to return
   * false there, and such scripts are then skipped over h2c instead of costing a read timeout for
   * every deployment.
   */
  protected boolean endsNonBlockingHeadOverH2c() {
    return true;
  }

  /** Every seed, as a {@code GET} and as a {@code HEAD}, over both protocols. */
  protected Stream<Arguments> seeds() {
    long first = Long.getLong(FIRST_SEED_PROPERTY, 0L);
    long count = Long.getLong(SEEDS_PROPERTY, DEFAULT_SEEDS);
    Set<Long> known = knownDifferences();
    return Stream.of(Wire.values())
        .flatMap(wire -> Stream.of("GET", "HEAD")
            .flatMap(method -> LongStream.range(first, first + count)
                .filter(seed -> !known.contains(seed))
                .mapToObj(seed -> Arguments.of(wire, method, seed))));
  }

  /**
   * The script of {@code seed} gets the same answer with the filter, in each mode, as without it.
   */
  @ParameterizedTest(name = "{0} {1} seed {2}")
  @MethodSource("seeds")
  public void aRandomScriptGetsTheSameAnswerWithTheFilter(Wire wire, String method, long seed)
      throws Exception {
    OpScript script = OpScript.random(seed, method);
    assumeTrue(
        wire != Wire.H2C
            || !method.equals("HEAD")
            || script.dispatch() != OpScript.Dispatch.LISTENER
            || endsNonBlockingHeadOverH2c(),
        "a HEAD in non-blocking mode over h2c, which this container does not end");

    assertSameAnswers(
        wire,
        script,
        "the script of seed " + seed + " (" + method + ")",
        "Again with -D" + FIRST_SEED_PROPERTY + "=" + seed + " -D" + SEEDS_PROPERTY + "=1");
  }

  /**
   * Scripts that once got another answer with the filter, shrunk, each with what differed, over
   * both protocols.
   */
  protected static Stream<Arguments> regressions() {
    return Stream.of(
            // The filter left write(ByteBuffer) to the Servlet 6.1 default, which copies into an
            // array: Jetty 12.1 then buffered instead of committing at once, and sent a
            // Content-Length.
            "GET sync o18.0",
            "GET start o41.1",
            "GET listener o10.1",
            "GET dispatch w7.3_o979.0_o10.1_u",
            // Tomcat 11 leaves a buffer written after sendError or sendRedirect unread; the default
            // read it all.
            "GET sync y404.1_o1367.0",
            "GET sync d2_o8593.1")
        .flatMap(script -> Stream.of(Wire.values()).map(wire -> Arguments.of(wire, script)));
  }

  /** A script that once differed gets the same answer with the filter as without it. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("regressions")
  public void aScriptThatOnceDifferedGetsTheSameAnswerWithTheFilter(Wire wire, String script)
      throws Exception {
    assertSameAnswers(wire, OpScript.parse(script), "the script '" + script + "'", "");
  }

  private void assertSameAnswers(Wire wire, OpScript script, String name, String again)
      throws Exception {
    Observed plain = fetch(Deployment.PLAIN, wire, script);
    for (Deployment deployment : compared()) {
      Observed guarded = fetch(deployment, wire, script);
      List<String> differences = Observed.differences(plain, guarded);
      if (!differences.isEmpty()) {
        fail(report(deployment, wire, name, script, differences) + again);
      }
    }
  }

  private static List<Deployment> compared() {
    String ids = System.getProperty(COMPARE_PROPERTY, "copy,detect");
    return Stream.of(ids.split(","))
        .map(id -> Deployment.valueOf(id.trim().toUpperCase(Locale.ROOT)))
        .toList();
  }

  /** Shrinks a script that differs and describes the shortest one found. */
  private String report(
      Deployment deployment, Wire wire, String name, OpScript script, List<String> first)
      throws Exception {
    ScriptShrinker.Shrunk shrunk = ScriptShrinker.shrink(
        script.ops(),
        ops -> !compare(deployment, wire, script.withOps(ops)).isEmpty(),
        MAX_SHRINK_CHECKS,
        SHRINK_BUDGET);
    OpScript shortest = script.withOps(shrunk.ops());
    Observed plain = fetch(Deployment.PLAIN, wire, shortest);
    Observed guarded = fetch(deployment, wire, shortest);
    List<String> differences = Observed.differences(plain, guarded);
    if (differences.isEmpty()) {
      differences = List.of("(none this time: the difference comes and goes)");
    }
    String label = deployment.label();
    return """
        %s answered %s over %s differently %s:
          - %s
        Whole script: %s
        Shortest script found that still differs (%d of %d operations, %d scripts tried):
          %s
        Its differences:
          - %s
        Without the filter: %s
        %s: %s
        """.formatted(
            container().name(),
            name,
            wire,
            label,
            String.join("\n  - ", first),
            script,
            shrunk.ops().size(),
            script.ops().size(),
            shrunk.checks(),
            shortest,
            String.join("\n  - ", differences),
            plain.summary(),
            label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1),
            guarded.summary());
  }

  private List<String> compare(Deployment deployment, Wire wire, OpScript script) throws Exception {
    return Observed.differences(
        fetch(Deployment.PLAIN, wire, script), fetch(deployment, wire, script));
  }

  /** Sends {@code script} to one deployment and takes what came back. */
  private Observed fetch(Deployment deployment, Wire wire, OpScript script)
      throws InterruptedException {
    ServerUnderTest server = servers.get(deployment);
    String run = deployment.name() + "-" + runs.incrementAndGet();
    HttpUrl url = HttpUrl.get(server.uri().resolve("app/run?" + script.query()).toString());
    // In a header, not in the query: error pages show the URL, which must be the same everywhere.
    Request.Builder request = new Request.Builder()
        .url(url)
        .header(OpScriptServlet.RUN_HEADER, run)
        .method(script.method(), null);
    if (wire == Wire.HTTP_1_1) {
      // The server then closes the connection after the response, so a body shorter than its
      // Content-Length ends at once instead of at the read timeout. Not over h2c: there OkHttp
      // would close the connection as soon as it has the response, while the server may still
      // be at work on the exchange.
      request.header("Connection", "close");
    }
    int status = -1;
    Headers headers = Headers.of();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String failure = null;
    // A connection of its own, so that no exchange depends on what another left on its
    // connection; no redirect followed, no retry.
    OkHttpClient client = wire.client()
        .newBuilder()
        .connectionPool(new ConnectionPool())
        .followRedirects(false)
        .retryOnConnectionFailure(false)
        .readTimeout(READ_TIMEOUT)
        .build();
    try (Response response = client.newCall(request.build()).execute()) {
      status = response.code();
      headers = response.headers();
      try (InputStream in = response.body().byteStream()) {
        in.transferTo(body);
      }
    } catch (IOException e) {
      failure = e.getClass().getName();
    }
    List<String> record = journal.take(run, RECORD_WAIT);
    // Only now that the run is over: closing earlier would race with the server's last steps.
    client.connectionPool().evictAll();
    return Observed.of(
        status, headers, body.toByteArray(), failure, record, server.uri().getPort());
  }
}
