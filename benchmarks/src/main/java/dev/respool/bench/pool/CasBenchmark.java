package dev.respool.bench.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of the atomic instructions a pool cannot do without, on this machine: a lease that may
 * be released by one thread while another abandons it needs one compare-and-set to be taken and
 * one to be given back. Two uncontended compare-and-sets are the floor under any acquire and
 * release that keeps that promise.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CasBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class CasBenchmark {

  private static final VarHandle WORD;

  static {
    try {
      WORD = MethodHandles.lookup().findVarHandle(CasBenchmark.class, "word", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused")
  private volatile long word;

  /** One compare-and-set that takes the word and one that gives it back, as a lease does. */
  @Benchmark
  public boolean twoCompareAndSets() {
    long current = (long) WORD.getVolatile(this);
    return WORD.compareAndSet(this, current, current + 1)
        && WORD.compareAndSet(this, current + 1, current);
  }

  /** The same two reads and writes without atomics, for the cost of everything else. */
  @Benchmark
  public long plainReadsAndWrites() {
    long current = (long) WORD.get(this);
    WORD.set(this, current + 1);
    WORD.set(this, current);
    return current;
  }
}
