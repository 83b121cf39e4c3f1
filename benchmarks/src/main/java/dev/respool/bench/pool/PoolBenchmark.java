package dev.respool.bench.pool;

import dev.respool.BufferPool;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one acquire and one release of a {@code byte[]}, for each {@link Alternative}, with
 * the array touched once so that it cannot be optimized away.
 *
 * <p>{@link #oneThread()} runs on one thread and {@link #twoThreads()} on two. The state is shared
 * by the threads of a trial ({@link Scope#Benchmark}), so the two threads contend for the same
 * pool, queue or allocator; only {@code threadLocal} gives each thread its own array. With two
 * threads JMH reports the average time per operation of each thread, not of the pair. Both run
 * with one command, on Java 17:
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am -DskipTests package
 * java -jar benchmarks/target/benchmarks.jar PoolBenchmark -prof gc
 * }</pre>
 *
 * <p>{@code -prof gc} adds {@code gc.alloc.rate.norm}, the bytes allocated per operation. Narrow
 * the run with {@code -p alternative=respool,jetty}, {@code -p size=32768} or a method name such
 * as {@code PoolBenchmark.twoThreads}; {@code -t N} on the command line replaces both thread
 * counts. On Java 24 and later add {@code -jvmArgsAppend --sun-misc-unsafe-memory-access=allow}
 * for Netty. Each trial runs in its own fork, so the JIT sees one alternative at a time; with
 * {@code -f 0} the trials share a JVM and the numbers of the later ones suffer.
 *
 * <p>Each fork gets a fixed, pre-touched heap of 1 GiB: a heap that is still growing stalls the
 * allocating {@code allocate} trials at random while the JVM commits memory.
 *
 * <p>The alternatives are configured as in {@link Alternative#create(int, long)}: respool's pool
 * and the queue keep at most {@value #BOUND} bytes, Jetty's and Netty's pools run with their
 * defaults (Netty's leak detector samples a few buffers, as it does by default).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsPrepend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class PoolBenchmark {

  /** The bytes respool's pool and the queue may keep: respool's default bound. */
  public static final long BOUND = BufferPool.DEFAULT_MAX_POOLED_BYTES;

  /** The {@linkplain Alternative#label() label} of the alternative measured. */
  @Param({
    "respool",
    "jetty",
    "netty",
    "nettyThreadCache",
    "arrayBlockingQueue",
    "threadLocal",
    "allocate"
  })
  public String alternative;

  /** The bytes asked for in each acquire. */
  @Param({"32768", "8192"})
  public int size;

  private BufferSource<Object> source;

  /** Creates a fresh source of the alternative for the trial. */
  @Setup
  @SuppressWarnings("unchecked")
  public void setUp() {
    source = (BufferSource<Object>) Alternative.forLabel(alternative).create(size, BOUND);
  }

  /** The source of the current trial, for tests. */
  BufferSource<?> source() {
    return source;
  }

  /**
   * One acquire and release on one thread.
   *
   * @return the last byte of the region, so that the read is not dropped
   */
  @Benchmark
  @Threads(1)
  public byte oneThread() {
    return cycle();
  }

  /**
   * One acquire and release on each of two threads sharing the source.
   *
   * @return the last byte of the region, so that the read is not dropped
   */
  @Benchmark
  @Threads(2)
  public byte twoThreads() {
    return cycle();
  }

  private byte cycle() {
    BufferSource<Object> source = this.source;
    Object held = source.acquire(size);
    byte[] array = source.array(held);
    int offset = source.offset(held);
    array[offset] = 1;
    byte last = array[offset + size - 1];
    source.release(held);
    return last;
  }
}
