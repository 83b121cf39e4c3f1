package dev.respool.bench.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Runs every benchmark method of {@link CopyBenchmark} as JMH would, on a recording sink, and
 * checks that the sink received exactly the source's bytes.
 */
class CopyBenchmarkTest {

  private static final List<String> ALTERNATIVES = List.of(
      "respool",
      "respoolSized",
      "transferTo",
      "commonsIo",
      "guava",
      "newArray32k",
      "threadLocal8k",
      "jettyPool",
      "nettyPooled",
      "okio",
      "arraycopyReference");

  private static final int[] SIZES = {0, 1, 1024, 32768 + 7, 1024 * 1024};

  /** One set of pools for all cases, as in a run, so pooled arrays are reused between cases. */
  private static final CopyBenchmark.Pools POOLS = new CopyBenchmark.Pools();

  static {
    POOLS.setup();
  }

  private static List<Method> benchmarkMethods() {
    return Arrays.stream(CopyBenchmark.class.getMethods())
        .filter(m -> m.isAnnotationPresent(Benchmark.class))
        .toList();
  }

  static Stream<Arguments> cases() {
    return benchmarkMethods().stream()
        .flatMap(m -> Arrays.stream(SIZES).mapToObj(size -> Arguments.of(m.getName(), size)));
  }

  @Test
  void everyAlternativeIsABenchmark() {
    assertThat(benchmarkMethods())
        .extracting(Method::getName)
        .containsExactlyInAnyOrderElementsOf(ALTERNATIVES);
  }

  @ParameterizedTest(name = "{0} of {1} bytes")
  @MethodSource("cases")
  void theSinkReceivesExactlyTheSourceBytes(String name, int size) throws Exception {
    CopyBenchmark benchmark = new CopyBenchmark();
    benchmark.size = size;
    benchmark.setup(POOLS);
    benchmark.sink = TouchingSink.recording();
    Method method = CopyBenchmark.class.getMethod(name);
    CRC32 expected = new CRC32();
    expected.update(benchmark.source.bytes());

    // Twice, so the second copy runs on a rewound source and, for the pools, a reused array.
    for (int round = 1; round <= 2; round++) {
      benchmark.sink.reset();

      long result = invoke(method, benchmark);

      assertThat(benchmark.sink.count()).as("bytes written, round %d", round).isEqualTo(size);
      assertThat(benchmark.sink.crc()).as("CRC-32, round %d", round).isEqualTo(expected.getValue());
      assertThat(result - benchmark.sink.touched())
          .as("reported count, round %d", round)
          .isEqualTo(size);
    }
  }

  @Test
  void theSourceHoldsTheSameBytesInEveryRun() {
    CopyBenchmark first = new CopyBenchmark();
    first.size = 1024;
    first.setup(POOLS);
    CopyBenchmark second = new CopyBenchmark();
    second.size = 1024;
    second.setup(POOLS);

    assertThat(first.source.bytes()).isEqualTo(second.source.bytes()).isNotEqualTo(new byte[1024]);
  }

  private static long invoke(Method method, CopyBenchmark benchmark) throws Exception {
    try {
      return (long) method.invoke(benchmark);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
