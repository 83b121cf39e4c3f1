package dev.respool.bench.copy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time of one {@linkplain CopyAlternatives#loop plain copy loop} over a preallocated array of
 * {@code chunk} bytes, from an {@link ArraySource} of {@code size} bytes into a {@link
 * TouchingSink}: the numbers behind the choice of a pool's array size. Larger arrays mean fewer
 * reads and writes per byte, smaller ones stay in the faster caches.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar ChunkSizeBenchmark
 * }</pre>
 *
 * <p>The forks run with the same heap settings as {@link CopyBenchmark}'s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class ChunkSizeBenchmark {

  /** The size of the array the bytes go through. */
  @Param({"4096", "8192", "16384", "32768", "65536"})
  public int chunk;

  /** The number of bytes copied. */
  @Param({"32768", "1048576"})
  public int size;

  ArraySource source;
  TouchingSink sink;
  byte[] array;

  /** Fills the source and allocates the array. */
  @Setup
  public void setup() {
    source = ArraySource.random(size, CopyBenchmark.SEED);
    sink = new TouchingSink();
    array = new byte[chunk];
  }

  /**
   * Copies the whole source through the array.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long loop() throws IOException {
    source.rewind();
    return CopyAlternatives.loop(source, sink, array, 0, array.length) + sink.touched();
  }
}
