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
 * The time and the allocation of one copy of an {@link ArraySource} of {@code size} bytes into a
 * {@link TouchingSink}, for each of the {@link CopyAlternatives}.
 *
 * <p>Each method rewinds the source, copies, and returns the number of bytes copied plus the
 * sink's {@linkplain TouchingSink#touched() running sum}, which JMH consumes. The rewind costs a
 * field write; the copy itself includes the sink reading every byte, as a real destination does.
 * {@link #arraycopyReference} shows what is left when the stream calls are taken away: moving the
 * bytes and reading them once.
 *
 * <p>Run it with the GC profiler to see the bytes allocated per copy, {@code gc.alloc.rate.norm}:
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CopyBenchmark -prof gc
 * }</pre>
 *
 * <p>The pools are shared by all the threads of a run ({@code -t}), as a server shares them
 * between requests; each thread has its own source and sink.
 *
 * <p>Each fork runs with a fixed heap of 1 GiB whose pages are all touched at start-up ({@code
 * -XX:+AlwaysPreTouch}). Without that, the copies that allocate also pay for the operating system
 * mapping each page of the heap the first time it is written, which in short runs can cost many
 * times the copy itself. JMH's {@code -jvmArgsAppend} option replaces these arguments, so repeat
 * them when using it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class CopyBenchmark {

  /** The seed of the source's bytes. */
  static final long SEED = 0x5EED;

  /** The number of bytes copied. */
  @Param({"1024", "32768", "1048576", "16777216"})
  public int size;

  ArraySource source;
  TouchingSink sink;
  CopyAlternatives alternatives;
  byte[] scratch;

  /** The pools, made once for a run and shared by its threads. */
  @State(Scope.Benchmark)
  public static class Pools {

    CopyAlternatives alternatives;

    /** Creates the pools of the {@link CopyAlternatives}. */
    @Setup
    public void setup() {
      alternatives = new CopyAlternatives();
    }
  }

  /**
   * Fills this thread's source with {@code size} bytes and takes the shared pools.
   *
   * @param pools the pools of the run
   */
  @Setup
  public void setup(Pools pools) {
    source = ArraySource.random(size, SEED);
    sink = new TouchingSink();
    alternatives = pools.alternatives;
    scratch = new byte[CopyAlternatives.REFERENCE_CHUNK];
  }

  private long consumed(long copied) {
    return copied + sink.touched();
  }

  /**
   * {@link CopyAlternatives#respool}.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long respool() throws IOException {
    source.rewind();
    return consumed(alternatives.respool(source, sink));
  }

  /**
   * {@link CopyAlternatives#respoolSized}, with the exact length as the hint.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long respoolSized() throws IOException {
    source.rewind();
    return consumed(alternatives.respoolSized(source, sink, size));
  }

  /**
   * {@link CopyAlternatives#transferTo}.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long transferTo() throws IOException {
    source.rewind();
    return consumed(alternatives.transferTo(source, sink));
  }

  /**
   * {@link CopyAlternatives#commonsIo}.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long commonsIo() throws IOException {
    source.rewind();
    return consumed(alternatives.commonsIo(source, sink));
  }

  /**
   * {@link CopyAlternatives#guava}.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long guava() throws IOException {
    source.rewind();
    return consumed(alternatives.guava(source, sink));
  }

  /**
   * {@link CopyAlternatives#newArray32k}.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long newArray32k() throws IOException {
    source.rewind();
    return consumed(alternatives.newArray32k(source, sink));
  }

  /**
   * {@link CopyAlternatives#threadLocal8k}.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long threadLocal8k() throws IOException {
    source.rewind();
    return consumed(alternatives.threadLocal8k(source, sink));
  }

  /**
   * {@link CopyAlternatives#jettyPool}.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long jettyPool() throws IOException {
    source.rewind();
    return consumed(alternatives.jettyPool(source, sink));
  }

  /**
   * {@link CopyAlternatives#nettyPooled}.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long nettyPooled() throws IOException {
    source.rewind();
    return consumed(alternatives.nettyPooled(source, sink));
  }

  /**
   * {@link CopyAlternatives#okio}.
   *
   * @return the bytes copied plus the sink's sum
   * @throws IOException never, with this source and sink
   */
  @Benchmark
  public long okio() throws IOException {
    source.rewind();
    return consumed(alternatives.okio(source, sink));
  }

  /**
   * {@link CopyAlternatives#arraycopyReference}, through an array of {@value
   * CopyAlternatives#REFERENCE_CHUNK} bytes.
   *
   * @return the bytes copied plus the sink's sum
   */
  @Benchmark
  public long arraycopyReference() {
    source.rewind();
    return consumed(CopyAlternatives.arraycopyReference(source, scratch, sink));
  }
}
