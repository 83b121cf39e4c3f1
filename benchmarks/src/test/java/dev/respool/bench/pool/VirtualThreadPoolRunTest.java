package dev.respool.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.bench.pool.VirtualThreadPoolRun.Result;
import dev.respool.bench.pool.VirtualThreadPoolRun.Settings;
import dev.respool.bench.pool.VirtualThreadPoolRun.TimeLimitExceededException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class VirtualThreadPoolRunTest {

  private static final int THREADS = 200;
  private static final int CYCLES = 50;
  private static final int SIZE = 64 * 1024;
  private static final long BOUND = 1024 * 1024;
  private static final long MIB = 1024 * 1024;

  /** Platform threads, so that the tests run on Java 17 too. */
  private static final ThreadFactory PLATFORM = task -> {
    Thread thread = new Thread(task, "pool-run-test");
    thread.setDaemon(true);
    return thread;
  };

  private static Settings settings(int cycles, int yieldEvery, long timeLimit) {
    return new Settings(
        THREADS,
        cycles,
        SIZE,
        yieldEvery,
        BOUND,
        timeLimit,
        Arrays.asList(Alternative.values()),
        false,
        null);
  }

  @Test
  @Timeout(120)
  void countsEveryCycleAndSeesWhatEachAlternativeKeeps() throws Exception {
    List<Result> results = new ArrayList<>();
    VirtualThreadPoolRun.runAll(settings(CYCLES, 2, 100), PLATFORM, results, null);
    Map<String, Result> byLabel =
        results.stream().collect(Collectors.toMap(Result::alternative, Function.identity()));

    assertThat(byLabel).hasSize(Alternative.values().length);
    for (Result result : results) {
      assertThat(result.ops()).as(result.alternative()).isEqualTo((long) THREADS * CYCLES);
      assertThat(result.clashes()).as(result.alternative()).isZero();
      assertThat(result.wallNanos()).as(result.alternative()).isPositive();
      assertThat(result.nsPerOp()).as(result.alternative()).isPositive();
    }

    Result respool = byLabel.get("respool");
    assertThat(respool.bound()).isEqualTo(BOUND);
    assertThat(respool.pooledBytesMax()).isLessThanOrEqualTo(BOUND);
    assertThat(respool.pooledBytesEnd()).isPositive();
    assertThat(respool.retainedBytes()).isLessThan(BOUND + 4 * MIB);

    Result queue = byLabel.get("arrayBlockingQueue");
    assertThat(queue.pooledBytesMax()).isLessThanOrEqualTo(BOUND);

    // Every thread is still alive and keeps its array: 200 x 64 KiB = 12.5 MiB.
    Result perThread = byLabel.get("threadLocal");
    assertThat(perThread.pooledBytesEnd()).isEqualTo((long) THREADS * SIZE);
    assertThat(perThread.retainedBytes()).isGreaterThan(THREADS * SIZE * 3L / 4);
    assertThat(perThread.retainedBytes()).isGreaterThan(respool.retainedBytes() + 6 * MIB);
  }

  @Test
  @Timeout(30)
  void givesUpAtItsTimeLimit() {
    Settings endless = settings(Integer.MAX_VALUE, 1, 1);
    List<Result> results = new ArrayList<>();
    long begin = System.nanoTime();

    assertThatThrownBy(() -> VirtualThreadPoolRun.runAll(endless, PLATFORM, results, null))
        .isInstanceOf(TimeLimitExceededException.class)
        .hasMessageContaining("time limit")
        .hasMessageContaining("respool");
    assertThat(results).isEmpty();
    assertThat(System.nanoTime() - begin).isLessThan(15_000_000_000L);
  }

  @Test
  void parsesOptions() {
    Settings settings = VirtualThreadPoolRun.parse(new String[] {
      "--threads",
      "300",
      "--ops",
      "7",
      "--size",
      "8192",
      "--yield-every",
      "0",
      "--bound",
      "65536",
      "--time-limit",
      "9",
      "--alternatives",
      "threadLocal,respool",
      "--no-warmup",
      "--out",
      "x.json"
    });

    assertThat(settings.threads()).isEqualTo(300);
    assertThat(settings.cyclesPerThread()).isEqualTo(7);
    assertThat(settings.size()).isEqualTo(8192);
    assertThat(settings.yieldEvery()).isZero();
    assertThat(settings.bound()).isEqualTo(65536);
    assertThat(settings.timeLimitSeconds()).isEqualTo(9);
    assertThat(settings.alternatives())
        .containsExactly(Alternative.THREAD_LOCAL, Alternative.RESPOOL);
    assertThat(settings.warmUp()).isFalse();
    assertThat(settings.out()).isEqualTo(Path.of("x.json"));
  }

  @Test
  void defaultsToTenThousandThreadsOfEveryAlternative() {
    Settings settings = VirtualThreadPoolRun.parse(new String[0]);

    assertThat(settings.threads()).isEqualTo(10_000);
    assertThat(settings.size()).isEqualTo(32 * 1024);
    assertThat(settings.alternatives())
        .containsExactlyElementsOf(VirtualThreadPoolRun.DEFAULT_ALTERNATIVES)
        .doesNotContain(Alternative.ALLOCATE)
        .hasSize(Alternative.values().length - 1);
    assertThat(settings.timeLimitSeconds()).isEqualTo(60);
    assertThat(VirtualThreadPoolRun.parse(new String[] {"--help"})).isNull();
  }

  @Test
  void rejectsBadOptions() {
    assertThatThrownBy(() -> VirtualThreadPoolRun.parse(new String[] {"--threads"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--threads needs a value");
    assertThatThrownBy(() -> VirtualThreadPoolRun.parse(new String[] {"--what"}))
        .hasMessageStartingWith("Unknown option: --what; valid: --help, --no-warmup, --threads");
    assertThatThrownBy(() -> VirtualThreadPoolRun.parse(new String[] {"--threads", "lots"}))
        .hasMessageContaining("--threads");
    assertThatThrownBy(() -> VirtualThreadPoolRun.parse(new String[] {"--threads", "0"}))
        .hasMessageContaining("threads");
    assertThatThrownBy(() -> VirtualThreadPoolRun.parse(new String[] {"--alternatives", "x"}))
        .hasMessageContaining("respool");
    assertThatThrownBy(() -> VirtualThreadPoolRun.parse(new String[] {"--what", "1"}))
        .hasMessageContaining("--what");
  }

  @Test
  void tellsWhichJavaItNeeds() {
    assertThat(VirtualThreadPoolRun.unsupportedJava(17))
        .contains("Java 21 or later")
        .contains("Java 17")
        .contains("/bin/java");
    assertThat(VirtualThreadPoolRun.unsupportedJava(21)).isNull();
    assertThat(VirtualThreadPoolRun.unsupportedJava(25)).isNull();
  }

  @Test
  void writesTabSeparatedValuesAndJson(@TempDir Path dir) throws Exception {
    List<Result> results = List.of(
        new Result("respool", 10, 5, 50, 5_000, 100, 300, 64, 32, 1024, 0),
        new Result("threadLocal", 10, 5, 0, 5_000, 100, 200, -1, -1, -1, 0));
    Settings settings = settings(5, 2, 10);

    Path tsv = dir.resolve("run.tsv");
    VirtualThreadResults.write(tsv, settings, results);
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0).split("\t")).contains("alternative", "nsPerOp", "retainedBytes");
    assertThat(lines.get(1).split("\t"))
        .hasSameSizeAs(lines.get(0).split("\t"))
        .startsWith("respool", "10", "5", "50", "5000", "100.0", "100", "300", "200");

    Path json = dir.resolve("run.json");
    VirtualThreadResults.write(json, settings, results);
    String text = Files.readString(json, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\"alternative\": \"respool\"")
        .contains("\"retainedBytes\": 200")
        .contains("\"nsPerOp\": null")
        .doesNotContain("NaN");
  }

  @Test
  void tableHasARowPerResult() {
    String table = VirtualThreadResults.table(
        List.of(new Result("respool", 10, 5, 50, 5_000_000, 0, 3 * MIB, MIB, 0, 16 * MIB, 0)));

    assertThat(table.split("\n")).hasSize(2);
    assertThat(table).contains("respool").contains("3.0").contains("16.0");
  }
}
