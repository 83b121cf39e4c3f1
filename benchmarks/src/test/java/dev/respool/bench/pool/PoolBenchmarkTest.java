package dev.respool.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.PoolStats;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

class PoolBenchmarkTest {

  private static PoolBenchmark benchmark(Alternative alternative, int size) {
    PoolBenchmark benchmark = new PoolBenchmark();
    benchmark.alternative = alternative.label();
    benchmark.size = size;
    benchmark.setUp();
    return benchmark;
  }

  @ParameterizedTest
  @EnumSource(Alternative.class)
  @Timeout(30)
  void runsEveryAlternativeOnOneAndTwoThreads(Alternative alternative) throws Exception {
    for (int size : new int[] {8192, 32768}) {
      PoolBenchmark benchmark = benchmark(alternative, size);
      for (int i = 0; i < 1_000; i++) {
        assertThat(benchmark.oneThread()).isZero();
      }
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        Future<?> a = threads.submit(() -> repeat(benchmark, 5_000));
        Future<?> b = threads.submit(() -> repeat(benchmark, 5_000));
        a.get();
        b.get();
      } finally {
        threads.shutdownNow();
      }
    }
  }

  private static void repeat(PoolBenchmark benchmark, int times) {
    for (int i = 0; i < times; i++) {
      benchmark.twoThreads();
    }
  }

  @Test
  void respoolTrialReusesItsArrayAndReturnsEveryLease() {
    PoolBenchmark benchmark = benchmark(Alternative.RESPOOL, 32768);
    for (int i = 0; i < 1_000; i++) {
      benchmark.oneThread();
    }
    PoolStats stats = ((Sources.Respool) benchmark.source()).pool().stats();

    assertThat(stats.acquires()).isEqualTo(1_000);
    assertThat(stats.hits()).isGreaterThanOrEqualTo(999);
    assertThat(stats.leasesOut()).isZero();
  }

  @Test
  void measuresEveryAlternative() throws NoSuchFieldException {
    Param param = PoolBenchmark.class.getField("alternative").getAnnotation(Param.class);

    assertThat(param.value())
        .containsExactlyInAnyOrder(
            Arrays.stream(Alternative.values()).map(Alternative::label).toArray(String[]::new));
  }

  @Test
  void jmhRunsOneMethodOnOneThreadAndTheOtherOnTwo() throws IOException {
    List<BenchmarkListEntry> entries;
    try (InputStream in = PoolBenchmark.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
      assertThat(in).as("the list JMH's annotation processor writes").isNotNull();
      entries = BenchmarkList.readBenchmarkList(in);
    }
    Map<String, Integer> threads = new HashMap<>();
    for (BenchmarkListEntry entry : entries) {
      threads.put(entry.getUsername(), entry.getThreads().orElse(-1));
    }

    assertThat(threads)
        .containsEntry(PoolBenchmark.class.getName() + ".oneThread", 1)
        .containsEntry(PoolBenchmark.class.getName() + ".twoThreads", 2);
  }
}
