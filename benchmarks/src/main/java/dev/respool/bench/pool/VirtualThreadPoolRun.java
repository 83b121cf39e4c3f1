package dev.respool.bench.pool;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs thousands of virtual threads that each acquire, touch and release a buffer many times, once
 * for each {@link Alternative}, and reports the time per operation and the heap each alternative
 * still keeps when the work is over.
 *
 * <p>Per-thread caches were made for a few long-lived platform threads. With one virtual thread per
 * request, each of thousands of threads fills its own cache: a {@code ThreadLocal<byte[]>} keeps
 * one array per thread that ever used it, 10,000 threads times 32 KiB being some 320 MB. A shared
 * pool with a bound keeps no more than its bound.
 *
 * <p>It needs Java 21 or later; build and run it with:
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am -DskipTests package
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java --sun-misc-unsafe-memory-access=allow \
 *     -cp benchmarks/target/benchmarks.jar dev.respool.bench.pool.VirtualThreadPoolRun \
 *     --threads 10000 --ops 100 --out pool-run.tsv
 * }</pre>
 *
 * <p>The JDK path is only an example; any {@code java} of version 21 or later does. The Unsafe flag
 * silences Netty's warning on Java 24 and later, and must be left out before Java 23.
 *
 * <p>Options, all optional:
 *
 * <ul>
 *   <li>{@code --threads N}: virtual threads per alternative, default 10,000;
 *   <li>{@code --ops K}: acquire, touch and release cycles per thread, default 100;
 *   <li>{@code --size BYTES}: the size asked for, default 32,768;
 *   <li>{@code --yield-every Y}: every Y-th cycle the thread yields while it holds its buffer, as a
 *       request does when its write has to wait; 0 never yields; default 2;
 *   <li>{@code --bound BYTES}: what respool's pool and the queue may keep, default respool's
 *       default of 16 MiB;
 *   <li>{@code --alternatives a,b}: which alternatives, in order; default all but {@code
 *       allocate}, the fresh array per cycle, which is slow with this many threads;
 *   <li>{@code --time-limit SECONDS}: the run gives up past this, with exit status 3; default 60;
 *   <li>{@code --no-warmup}: skip the warm-up round of each alternative;
 *   <li>{@code --out FILE}: also write the results, as JSON if FILE ends in {@code .json} and as
 *       tab-separated values otherwise.
 * </ul>
 *
 * <p>Each alternative gets a round of its own, with a fresh source and fresh threads:
 *
 * <ol>
 *   <li>all threads start and park at a start gate; after {@code System.gc()}, the heap used is the
 *       baseline, so that the parked threads themselves are not counted;
 *   <li>a fresh source is created, the gate opens and the clock starts; the threads do their cycles
 *       while the main thread samples the source's own count of pooled bytes every few
 *       milliseconds;
 *   <li>once every thread has done its cycles and released its last buffer, the clock stops; the
 *       threads stay alive, parked at a second gate, and the heap used after {@code System.gc()}
 *       minus the baseline is what the alternative retains, with its own starting fill;
 *   <li>then the threads end, and the next alternative starts from a heap where nothing of this
 *       one is reachable.
 * </ol>
 *
 * <p>All rounds run in one JVM: the retained heap is a difference taken around each round, so it
 * needs no JVM of its own, and one JVM keeps the run short. What one JVM does carry from round to
 * round is the JIT's work, which favours later rounds; a warm-up round of each alternative with at
 * most 1,000 threads, not reported, evens that out. Time figures from one run on a busy machine
 * are rough; the retained heap is the figure this run is about.
 *
 * <p>Each cycle writes a stamp of its thread and cycle into the buffer, yields if it is its turn,
 * and checks the stamp before the release; a stamp changed by another thread counts as a clash,
 * which no alternative should have.
 */
public final class VirtualThreadPoolRun {

  /** The default number of threads per alternative. */
  public static final int DEFAULT_THREADS = 10_000;

  /** The default number of cycles per thread. */
  public static final int DEFAULT_CYCLES = 100;

  /** The default size asked for. */
  public static final int DEFAULT_SIZE = 32 * 1024;

  /**
   * The alternatives run unless others are named: all but {@code allocate}, whose round spends
   * most of its time in the garbage collector and would take more than the others together.
   */
  public static final List<Alternative> DEFAULT_ALTERNATIVES = List.of(
      Alternative.RESPOOL,
      Alternative.JETTY,
      Alternative.NETTY,
      Alternative.NETTY_THREAD_CACHE,
      Alternative.ARRAY_BLOCKING_QUEUE,
      Alternative.THREAD_LOCAL);

  /** The most threads of a warm-up round. */
  static final int WARM_UP_THREADS = 1_000;

  /** How often the main thread samples the pooled bytes while the threads work. */
  private static final long SAMPLE_MILLIS = 5;

  /** How long the threads of a round that failed or timed out get to end. */
  private static final long JOIN_AFTER_ABORT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private VirtualThreadPoolRun() {}

  /**
   * The settings of a run.
   *
   * @param threads threads per alternative
   * @param cyclesPerThread acquire, touch and release cycles per thread
   * @param size the size asked for, at least 8
   * @param yieldEvery every this many cycles a thread yields while holding its buffer; 0 never
   * @param bound the bytes respool's pool and the queue may keep
   * @param timeLimitSeconds the time the whole run may take
   * @param alternatives the alternatives, in the order they run
   * @param warmUp whether each alternative first runs a round that is not reported
   * @param out where to write the results, or null
   */
  public record Settings(
      int threads,
      int cyclesPerThread,
      int size,
      int yieldEvery,
      long bound,
      long timeLimitSeconds,
      List<Alternative> alternatives,
      boolean warmUp,
      Path out) {

    /** Checks the values and copies the list. */
    public Settings {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be 1 or more, was " + threads);
      }
      if (cyclesPerThread < 1) {
        throw new IllegalArgumentException("ops must be 1 or more, was " + cyclesPerThread);
      }
      if (size < 8) {
        throw new IllegalArgumentException("size must be 8 or more, was " + size);
      }
      if (yieldEvery < 0) {
        throw new IllegalArgumentException("yield-every must be 0 or more, was " + yieldEvery);
      }
      if (bound < 0) {
        throw new IllegalArgumentException("bound must be 0 or more, was " + bound);
      }
      if (timeLimitSeconds < 1) {
        throw new IllegalArgumentException("time-limit must be 1 or more, was " + timeLimitSeconds);
      }
      if (alternatives.isEmpty()) {
        throw new IllegalArgumentException("no alternatives to run");
      }
      alternatives = List.copyOf(alternatives);
    }

    /** The defaults: 10,000 threads, 100 cycles each, 32 KiB, the default alternatives. */
    public static Settings defaults() {
      return new Settings(
          DEFAULT_THREADS,
          DEFAULT_CYCLES,
          DEFAULT_SIZE,
          2,
          PoolBenchmark.BOUND,
          60,
          DEFAULT_ALTERNATIVES,
          true,
          null);
    }
  }

  /**
   * What one round did.
   *
   * @param alternative the {@linkplain Alternative#label() label} of the alternative
   * @param threads the threads of the round
   * @param cyclesPerThread the cycles each thread was to do
   * @param ops the cycles the threads did
   * @param wallNanos the time from opening the start gate until the last thread was done
   * @param heapBaselineBytes the heap used, after a collection, with the threads parked before
   *     their work and no source yet
   * @param heapAfterBytes the heap used, after a collection, with the threads parked after their
   *     work and the source still reachable
   * @param pooledBytesMax the largest of the source's own counts of pooled bytes sampled during the
   *     round; -1 when the source cannot tell
   * @param pooledBytesEnd that count at the end of the round
   * @param bound the source's own bound, or -1 when it has none
   * @param clashes cycles whose buffer was changed by another thread while held
   */
  public record Result(
      String alternative,
      int threads,
      int cyclesPerThread,
      long ops,
      long wallNanos,
      long heapBaselineBytes,
      long heapAfterBytes,
      long pooledBytesMax,
      long pooledBytesEnd,
      long bound,
      long clashes) {

    /** The wall time divided by the cycles done, in nanoseconds. */
    public double nsPerOp() {
      return ops == 0 ? Double.NaN : (double) wallNanos / ops;
    }

    /** The heap the round left in use: after minus baseline. */
    public long retainedBytes() {
      return heapAfterBytes - heapBaselineBytes;
    }
  }

  /** Thrown when a run passes its time limit; the message says where. */
  public static final class TimeLimitExceededException extends Exception {
    private static final long serialVersionUID = 1L;

    TimeLimitExceededException(String message) {
      super(message);
    }
  }

  /**
   * Parses the options, runs every alternative on virtual threads, prints a table and writes the
   * results if asked. Exits with status 2 on bad options or a Java older than 21, and with 3 when
   * the time limit passes.
   *
   * @param args the options described in the class documentation
   */
  public static void main(String[] args) throws Exception {
    String unsupported = unsupportedJava(Runtime.version().feature());
    if (unsupported != null) {
      System.err.println(unsupported);
      System.exit(2);
    }
    Settings settings;
    try {
      settings = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    if (settings == null) {
      System.out.println(usage());
      return;
    }
    PrintStream out = System.out;
    out.println(VirtualThreadResults.header(settings));
    List<Result> results = new ArrayList<>();
    try {
      runAll(settings, virtualThreadFactory(), results, out);
    } catch (TimeLimitExceededException e) {
      out.println();
      out.println(VirtualThreadResults.table(results));
      System.err.println(e.getMessage());
      System.exit(3);
    }
    out.println();
    out.println(VirtualThreadResults.table(results));
    if (settings.out() != null) {
      VirtualThreadResults.write(settings.out(), settings, results);
      out.println("Results written to " + settings.out());
    }
  }

  /**
   * The message for a Java without virtual threads, or null for Java 21 and later.
   *
   * @param feature the feature release of the running Java
   */
  static String unsupportedJava(int feature) {
    if (feature >= 21) {
      return null;
    }
    return "VirtualThreadPoolRun needs Java 21 or later for virtual threads; this is Java "
        + feature
        + ". Run it with a newer java, for example "
        + "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --sun-misc-unsafe-memory-access=allow"
        + " -cp benchmarks/target/benchmarks.jar "
        + VirtualThreadPoolRun.class.getName();
  }

  /**
   * Parses the options.
   *
   * @return the settings, or null when help was asked for
   * @throws IllegalArgumentException on an unknown option or a bad value
   */
  static Settings parse(String[] args) {
    Settings d = Settings.defaults();
    int threads = d.threads();
    int cycles = d.cyclesPerThread();
    int size = d.size();
    int yieldEvery = d.yieldEvery();
    long bound = d.bound();
    long timeLimit = d.timeLimitSeconds();
    List<Alternative> alternatives = d.alternatives();
    boolean warmUp = d.warmUp();
    Path out = d.out();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--help", "-h" -> {
          return null;
        }
        case "--no-warmup" -> warmUp = false;
        default -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(
                VALUED_OPTIONS.contains(option)
                    ? option + " needs a value"
                    : "Unknown option: " + option + "; valid: --help, --no-warmup, "
                        + String.join(", ", VALUED_OPTIONS));
          }
          String value = args[++i];
          switch (option) {
            case "--threads" -> threads = (int) number(option, value, Integer.MAX_VALUE);
            case "--ops" -> cycles = (int) number(option, value, Integer.MAX_VALUE);
            case "--size" -> size = (int) number(option, value, Integer.MAX_VALUE - 8);
            case "--yield-every" -> yieldEvery = (int) number(option, value, Integer.MAX_VALUE);
            case "--bound" -> bound = number(option, value, Long.MAX_VALUE);
            case "--time-limit" -> timeLimit = number(option, value, 24 * 3600);
            case "--alternatives" -> alternatives = alternatives(value);
            case "--out" -> out = Path.of(value);
            default -> throw new IllegalArgumentException("Unknown option: " + option);
          }
        }
      }
    }
    return new Settings(
        threads, cycles, size, yieldEvery, bound, timeLimit, alternatives, warmUp, out);
  }

  private static final List<String> VALUED_OPTIONS = List.of(
      "--threads",
      "--ops",
      "--size",
      "--yield-every",
      "--bound",
      "--time-limit",
      "--alternatives",
      "--out");

  private static long number(String option, String value, long max) {
    long number;
    try {
      number = Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
    }
    if (number < 0 || number > max) {
      throw new IllegalArgumentException(option + " must be between 0 and " + max);
    }
    return number;
  }

  private static List<Alternative> alternatives(String value) {
    List<Alternative> list = new ArrayList<>();
    for (String label : value.split(",")) {
      if (!label.isBlank()) {
        list.add(Alternative.forLabel(label.trim()));
      }
    }
    return list;
  }

  private static String usage() {
    return "Usage: VirtualThreadPoolRun [--threads N] [--ops K] [--size BYTES] [--yield-every Y]"
        + " [--bound BYTES] [--alternatives "
        + Alternative.labels()
        + "] [--time-limit SECONDS] [--no-warmup] [--out FILE(.tsv|.json)]";
  }

  /**
   * A factory of virtual threads, found by reflection so that this class compiles for Java 17.
   *
   * @throws UnsupportedOperationException before Java 21
   */
  public static ThreadFactory virtualThreadFactory() {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Method factory = Class.forName("java.lang.Thread$Builder").getMethod("factory");
      return (ThreadFactory) factory.invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw new UnsupportedOperationException("Virtual threads need Java 21 or later", e);
    }
  }

  /**
   * Runs every alternative of the settings in turn, each after its warm-up round if the settings
   * ask for one, and adds each result to {@code results} as soon as it is known.
   *
   * @param settings what to run
   * @param factory makes the threads: virtual ones for real runs, any kind in tests
   * @param results receives one result per alternative
   * @param log receives one line per round, or null
   * @throws TimeLimitExceededException once the run passes its time limit; {@code results} then
   *     holds the rounds done
   */
  public static void runAll(
      Settings settings, ThreadFactory factory, List<Result> results, PrintStream log)
      throws InterruptedException, TimeLimitExceededException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.timeLimitSeconds());
    for (Alternative alternative : settings.alternatives()) {
      if (settings.warmUp()) {
        int threads = Math.min(settings.threads(), WARM_UP_THREADS);
        runOne(alternative, threads, settings, factory, deadline, true);
      }
      Result result = runOne(alternative, settings.threads(), settings, factory, deadline, false);
      results.add(result);
      if (log != null) {
        log.println(VirtualThreadResults.row(result));
      }
    }
  }

  /**
   * Runs one round of one alternative; see the class documentation for its steps.
   *
   * @param alternative what to measure
   * @param threads how many threads
   * @param settings the cycles, size and yields
   * @param factory makes the threads
   * @param deadline the {@link System#nanoTime()} past which the round gives up
   * @param warmUp whether this is a warm-up round, for the message when the round gives up
   * @return what the round did
   * @throws TimeLimitExceededException if the round passes the deadline
   */
  static Result runOne(
      Alternative alternative,
      int threads,
      Settings settings,
      ThreadFactory factory,
      long deadline,
      boolean warmUp)
      throws InterruptedException, TimeLimitExceededException {
    Round round = new Round(threads, settings, deadline, warmUp);
    List<Thread> started = new ArrayList<>(threads);
    boolean completed = false;
    try {
      for (int i = 0; i < threads; i++) {
        int index = i;
        Thread thread = factory.newThread(() -> round.work(index));
        thread.start();
        started.add(thread);
        if ((i & 1023) == 0) {
          round.checkDeadline(alternative, "starting the threads");
        }
      }
      round.awaitOrGiveUp(round.parked, alternative, "waiting for the threads to park");
      long baseline = settledHeapUsed();

      BufferSource<?> source = alternative.create(settings.size(), settings.bound());
      round.source.set(source);
      long begin = System.nanoTime();
      round.start.countDown();
      long pooledMax = source.pooledBytes();
      while (!round.finished.await(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
        pooledMax = Math.max(pooledMax, source.pooledBytes());
        round.checkDeadline(alternative, "running the cycles");
      }
      long wall = System.nanoTime() - begin;
      round.rethrowFailure();
      long pooledEnd = source.pooledBytes();
      pooledMax = Math.max(pooledMax, pooledEnd);

      long after = settledHeapUsed();
      Result result = new Result(
          alternative.label(),
          threads,
          settings.cyclesPerThread(),
          round.ops.sum(),
          wall,
          baseline,
          after,
          pooledMax,
          pooledEnd,
          source.bound(),
          round.clashes.sum());
      completed = true;
      return result;
    } finally {
      round.stop = true;
      round.start.countDown();
      round.leave.countDown();
      long joinDeadline = completed ? round.deadline : System.nanoTime() + JOIN_AFTER_ABORT_NANOS;
      for (Thread thread : started) {
        long left = joinDeadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(thread, left);
        }
      }
    }
  }

  /** The heap in use after a few full collections. */
  static long settledHeapUsed() throws InterruptedException {
    long used = 0;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20);
      used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    return used;
  }

  /** The gates and counters of one round, and the work of its threads. */
  private static final class Round {
    final int cycles;
    final int size;
    final int yieldEvery;
    final long deadline;
    final int threads;
    final boolean warmUp;

    /** Counted down by each thread once it is about to park at the start gate. */
    final CountDownLatch parked;

    final CountDownLatch start = new CountDownLatch(1);

    /** Counted down by each thread once its cycles are done, or it failed. */
    final CountDownLatch finished;

    final CountDownLatch leave = new CountDownLatch(1);
    final AtomicReference<BufferSource<?>> source = new AtomicReference<>();
    final LongAdder ops = new LongAdder();
    final LongAdder clashes = new LongAdder();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    volatile boolean stop;

    Round(int threads, Settings settings, long deadline, boolean warmUp) {
      this.threads = threads;
      this.warmUp = warmUp;
      this.cycles = settings.cyclesPerThread();
      this.size = settings.size();
      this.yieldEvery = settings.yieldEvery();
      this.deadline = deadline;
      this.parked = new CountDownLatch(threads);
      this.finished = new CountDownLatch(threads);
    }

    void work(int index) {
      try {
        parked.countDown();
        if (awaitQuietly(start) && !stop) {
          ops.add(cycles(source.get(), index));
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        finished.countDown();
      }
      awaitQuietly(leave);
    }

    private <H> long cycles(BufferSource<H> source, int index) {
      long done = 0;
      for (int cycle = 0; cycle < cycles && !stop; cycle++) {
        H held = source.acquire(size);
        byte[] array = source.array(held);
        int offset = source.offset(held);
        putInt(array, offset, index);
        putInt(array, offset + 4, cycle);
        array[offset + size - 1] = (byte) cycle;
        if (yieldEvery > 0 && cycle % yieldEvery == yieldEvery - 1) {
          Thread.yield();
        }
        if (getInt(array, offset) != index || getInt(array, offset + 4) != cycle) {
          clashes.increment();
        }
        source.release(held);
        done++;
      }
      return done;
    }

    /** Waits for a gate until the deadline; false if the deadline passed or the wait broke. */
    private boolean awaitQuietly(CountDownLatch gate) {
      try {
        return gate.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    void awaitOrGiveUp(CountDownLatch gate, Alternative alternative, String what)
        throws InterruptedException, TimeLimitExceededException {
      if (!gate.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        checkDeadline(alternative, what);
      }
    }

    void checkDeadline(Alternative alternative, String what) throws TimeLimitExceededException {
      if (System.nanoTime() - deadline >= 0) {
        stop = true;
        throw new TimeLimitExceededException("Aborted: the run passed its time limit while "
            + what
            + " of "
            + alternative.label()
            + (warmUp ? " in its warm-up round" : "")
            + " with "
            + threads
            + " threads ("
            + (threads - finished.getCount())
            + " done). Raise it with --time-limit SECONDS, or lower --threads or --ops.");
      }
    }

    void rethrowFailure() {
      Throwable t = failure.get();
      if (t != null) {
        throw new IllegalStateException("A thread of the round failed: " + t, t);
      }
    }

    private static void putInt(byte[] array, int at, int value) {
      array[at] = (byte) (value >>> 24);
      array[at + 1] = (byte) (value >>> 16);
      array[at + 2] = (byte) (value >>> 8);
      array[at + 3] = (byte) value;
    }

    private static int getInt(byte[] array, int at) {
      return (array[at] & 0xff) << 24
          | (array[at + 1] & 0xff) << 16
          | (array[at + 2] & 0xff) << 8
          | (array[at + 3] & 0xff);
    }
  }
}
