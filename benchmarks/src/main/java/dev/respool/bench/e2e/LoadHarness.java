package dev.respool.bench.e2e;

import dev.respool.RespoolStats;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The end-to-end load harness: in one JVM, serves the same bodies from embedded Jetty and embedded
 * Tomcat, each with and without the respool filter, loads each server over HTTP/1.1 with {@code
 * wrk} and over h2c with {@code h2load}, and reports requests per second, the 99th percentile
 * latency and the bytes the server's JVM allocated per request.
 *
 * <pre>
 * java -Xms1g -Xmx1g -XX:+AlwaysPreTouch \
 *     -cp benchmarks/target/benchmarks.jar dev.respool.bench.e2e.LoadHarness [options]
 * </pre>
 *
 * <p>The variants are {@code nofilter}, where no filter is registered and the servlet copies the
 * body with {@code InputStream.transferTo(response.getOutputStream())}, and the filter in modes
 * {@code off}, {@code pool}, {@code copy} and {@code detect}, where the servlet copies with the
 * blocking {@code Respool.copy}. Every body is computed once, shared by all servers, and read
 * through a plain {@code InputStream} over the array. Every container serves every variant from a
 * server of its own, set up alike ({@link HarnessServer}); each server is checked once per body
 * size, over HTTP/1.1 and HTTP/2, before any load.
 *
 * <p>A round measures every container, variant, protocol and size once, in an order shuffled with
 * a fixed seed, so that drift on a busy machine falls on all of them alike; the report gives the
 * median of the rounds per cell, and the ratio of each variant's medians to those of {@code
 * nofilter} on the same container. Before the first round every cell runs once for the warm-up
 * time, so that the first cells do not meet a cold JVM; then each cell of a round is one run of the
 * tool for the warm-up, then one for the measured window. The servlet counts the requests it
 * completes, and the JVM's allocation counter is read when the server is idle just before and just
 * after the measured run, so the allocated bytes per request cover the whole server (container,
 * filter and servlet) and nothing of the warm-up. The servers that are not loaded sit idle
 * meanwhile; what the JVM allocates with all of them idle is measured once and recorded beside the
 * results.
 *
 * <p>The harness runs in the server's JVM, so the server gets the JVM options the harness is
 * started with: a fixed heap ({@code -Xms1g -Xmx1g}) with {@code -XX:+AlwaysPreTouch} keeps heap
 * growth out of the measurements. Both tools run with one thread, leaving the other cores to the
 * server. A {@code respool.mode} system property would put every filter in one mode, so the
 * harness refuses to run with it.
 *
 * <p>Exit status 2 means a bad command line, 1 a failed run (a missing tool, a wrong body, a tool
 * that failed or printed an unexpected report); both come with a message, which quotes the tool's
 * output when that explains the failure.
 */
public final class LoadHarness {

  /** The exit status of a bad command line. */
  static final int USAGE_ERROR = 2;

  /** The exit status of a run that failed. */
  static final int RUN_FAILED = 1;

  /** The seed of the bodies' bytes. */
  private static final long BODY_SEED = 0x5EED_B0D1L;

  /** How long the server may take to finish the requests in flight when a tool stops. */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

  /** How much longer than asked a tool may run before it is killed. */
  private static final long TOOL_GRACE_SECONDS = 60;

  private final Options options;
  private final PrintStream log;
  private final Map<Protocol, Path> tools = new EnumMap<>(Protocol.class);

  private LoadHarness(Options options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /**
   * Runs the harness with the command line {@code args}, and exits with a status other than 0 when
   * the command line is bad or the run failed; see {@link Options#USAGE}.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Parses {@code args}, measures, prints the report to {@code out} and writes the JSON report.
   *
   * @return 0, {@link #USAGE_ERROR} or {@link #RUN_FAILED}
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("respool e2e: " + e.getMessage() + " (see --help)");
      return USAGE_ERROR;
    }
    if (options.help()) {
      out.print(Options.USAGE);
      return 0;
    }
    try {
      Results results = measure(options, out);
      Report.print(results, out);
      if (options.out() != null) {
        Report.writeJson(results, options.out());
        out.println();
        out.println("JSON report: " + options.out().toAbsolutePath());
      }
      return 0;
    } catch (IllegalStateException
        | IllegalArgumentException
        | IOException
        | UncheckedIOException e) {
      err.println("respool e2e: " + e.getMessage());
      return RUN_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("respool e2e: interrupted");
      return RUN_FAILED;
    }
  }

  /**
   * Measures every cell of {@code options} in every round, logging each window to {@code log}.
   *
   * @throws IllegalStateException if a tool is missing or fails, or a server sends a wrong body
   */
  static Results measure(Options options, PrintStream log)
      throws IOException, InterruptedException {
    return new LoadHarness(options, log).measure();
  }

  private Results measure() throws IOException, InterruptedException {
    for (Protocol protocol : options.protocols()) {
      tools.put(protocol, Tools.require(protocol.tool()));
    }
    Map<String, Object> environment = environment();
    // Fails at once on a JVM that cannot count allocated bytes, before any server starts.
    JvmCounters.now();

    Map<Integer, byte[]> bodies = new LinkedHashMap<>();
    for (int size : options.sizes()) {
      byte[] body = new byte[size];
      new SplittableRandom(BODY_SEED).nextBytes(body);
      bodies.put(size, body);
    }

    List<List<Cell>> order = order();
    List<Measurement> measurements = new ArrayList<>();
    Map<Container, Map<Variant, RespoolStats>> stats;
    Path work = Files.createTempDirectory("respool-e2e");
    try (Servers servers = Servers.start(options, bodies)) {
      environment.put("containers", servers.settings());
      long idle = idleAllocationPerSecond();
      environment.put("idleAllocatedBytesPerSecond", idle);
      int cells = order.get(0).size();
      log.printf(
          "Checked every body of %d server(s) over HTTP/1.1 and HTTP/2; idle, the JVM allocates"
              + " %d B/s.%n%d round(s) of %d cells, %d s warm-up and %d s measured each: about"
              + " %d s.%n",
          servers.count(),
          idle,
          options.rounds(),
          cells,
          options.warmupSeconds(),
          options.durationSeconds(),
          (long) cells * options.warmupSeconds()
              + (long) options.rounds()
                  * cells
                  * (options.warmupSeconds() + options.durationSeconds() + 1));
      if (options.warmupSeconds() > 0) {
        log.printf(
            "JVM warm-up: every cell once for %d s, not measured.%n", options.warmupSeconds());
        for (Cell cell : order.get(0)) {
          URI url = servers.get(cell).bodyUri(cell.size());
          Tools.run(
              command(cell.protocol(), url, options.warmupSeconds(), null),
              work.resolve("output.txt"),
              timeout());
        }
      }
      for (int round = 1; round <= options.rounds(); round++) {
        for (Cell cell : order.get(round - 1)) {
          Measurement m = measureCell(round, cell, servers.get(cell), work);
          measurements.add(m);
          log.println(progress(m));
        }
      }
      stats = servers.respoolStats();
    } finally {
      deleteTree(work);
    }
    return new Results(options, environment, order, measurements, stats);
  }

  /**
   * What the JVM allocates per second with every server idle: the floor under the allocation
   * measured in a window, from the containers' housekeeping and the harness itself.
   */
  private static long idleAllocationPerSecond() throws InterruptedException {
    System.gc();
    JvmCounters before = JvmCounters.now();
    long start = System.nanoTime();
    Thread.sleep(1000);
    JvmCounters after = JvmCounters.now();
    double seconds = (System.nanoTime() - start) / 1e9;
    return Math.round(after.since(before).allocatedBytes() / seconds);
  }

  /** The cells of each round: all of them, each round in its own order drawn from the seed. */
  private List<List<Cell>> order() {
    List<Cell> cells = new ArrayList<>();
    for (Container container : options.containers()) {
      for (Variant variant : options.variants()) {
        for (Protocol protocol : options.protocols()) {
          for (int size : options.sizes()) {
            cells.add(new Cell(container, variant, protocol, size));
          }
        }
      }
    }
    Random random = new Random(options.seed());
    List<List<Cell>> rounds = new ArrayList<>();
    for (int round = 1; round <= options.rounds(); round++) {
      List<Cell> shuffled = new ArrayList<>(cells);
      Collections.shuffle(shuffled, random);
      rounds.add(List.copyOf(shuffled));
    }
    return List.copyOf(rounds);
  }

  /**
   * Warms {@code cell} up with one run of its tool, then measures it with another: the servlet's
   * and the JVM's counters are read with the server idle just before and just after that run.
   */
  private Measurement measureCell(int round, Cell cell, HarnessServer server, Path work)
      throws IOException, InterruptedException {
    URI url = server.bodyUri(cell.size());
    Path output = work.resolve("output.txt");
    Path requestLog = work.resolve("h2load-requests.log");
    // Leave the previous cell's garbage behind before this one warms up.
    System.gc();
    if (options.warmupSeconds() > 0) {
      Tools.run(command(cell.protocol(), url, options.warmupSeconds(), null), output, timeout());
    }
    Files.deleteIfExists(requestLog);
    List<String> command = command(
        cell.protocol(),
        url,
        options.durationSeconds(),
        cell.protocol() == Protocol.H2C ? requestLog : null);
    server.awaitIdle(IDLE_TIMEOUT);

    BodyServlet.Counts countsBefore = server.counts();
    JvmCounters jvmBefore = JvmCounters.now();
    String printed = Tools.run(command, output, timeout());
    boolean idle = server.awaitIdle(IDLE_TIMEOUT);
    JvmCounters jvmAfter = JvmCounters.now();
    BodyServlet.Counts countsAfter = server.counts();

    ToolResult result = cell.protocol() == Protocol.H2C
        ? H2load.parse(printed, H2load.readLog(requestLog))
        : Wrk.parse(printed);
    return new Measurement(
        round, cell, result, countsAfter.since(countsBefore), jvmAfter.since(jvmBefore), idle);
  }

  private List<String> command(Protocol protocol, URI url, int seconds, Path requestLog) {
    String executable = tools.get(protocol).toString();
    return protocol == Protocol.H2C
        ? H2load.command(
            executable, url, options.connections(), options.streams(), seconds, requestLog)
        : Wrk.command(executable, url, options.connections(), seconds);
  }

  private long timeout() {
    return Math.max(options.durationSeconds(), options.warmupSeconds()) + TOOL_GRACE_SECONDS;
  }

  private String progress(Measurement m) {
    return String.format(
        "round %d/%d  %-29s %10.1f req/s  p99 %8.2f ms  %10.1f B/req  %d errors%s",
        m.round(),
        options.rounds(),
        m.cell(),
        m.tool().requestsPerSecond(),
        m.tool().p99Millis(),
        m.allocatedBytesPerRequest(),
        m.tool().errors(),
        m.idle() ? "" : "  (requests still in flight at the end)");
  }

  private Map<String, Object> environment() throws IOException, InterruptedException {
    Map<String, Object> environment = new LinkedHashMap<>();
    environment.put("started", Instant.now().toString());
    environment.put("javaVersion", System.getProperty("java.version"));
    environment.put(
        "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    environment.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
    environment.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    environment.put(
        "garbageCollectors",
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(collector -> collector.getName())
            .toList());
    environment.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    environment.put(
        "os",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
    Map<String, Object> load = new LinkedHashMap<>();
    for (Map.Entry<Protocol, Path> tool : tools.entrySet()) {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("tool", tool.getKey().tool());
      settings.put("version", Tools.version(tool.getValue()));
      settings.put("threads", 1);
      settings.put("connections", options.connections());
      if (tool.getKey() == Protocol.H2C) {
        settings.put("streamsPerConnection", options.streams());
      }
      settings.put(
          "measuredCommand",
          String.join(
              " ",
              command(
                  tool.getKey(),
                  URI.create("http://127.0.0.1:PORT/body/SIZE"),
                  options.durationSeconds(),
                  tool.getKey() == Protocol.H2C ? Path.of("LOG") : null)));
      load.put(tool.getKey().id(), settings);
    }
    environment.put("load", load);
    return environment;
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
