package dev.respool.testkit.suite;

import dev.respool.Respool;
import dev.respool.RespoolStats;
import java.time.Duration;

/**
 * Reads a filter's counters every {@value #PERIOD_MILLIS} ms on a thread of its own, straight
 * from the runtime in this JVM, and keeps the largest {@code pooledBytes} seen and the first
 * sample over the bound.
 */
final class PoolSampler implements AutoCloseable {

  static final long PERIOD_MILLIS = 50;

  private final Respool runtime;
  private final long maxSamples;
  private final Thread thread;

  private volatile boolean running = true;

  // Written by the sampling thread only; read after it ended.
  private long samples;
  private long peakPooledBytes;
  private long peakLeasesOut;
  private RespoolStats firstOverBound;

  private PoolSampler(Respool runtime, Duration bound) {
    this.runtime = runtime;
    // One sample per period for as long as the run may last, and a margin for the end.
    this.maxSamples = bound.toMillis() / PERIOD_MILLIS + 1_000;
    this.thread = new Thread(this::sample, "respool-soak-sampler");
    thread.setDaemon(true);
  }

  /**
   * Starts sampling {@code runtime}.
   *
   * @param bound how long the run may last: the sampler stops by itself after as many periods
   */
  static PoolSampler start(Respool runtime, Duration bound) {
    PoolSampler sampler = new PoolSampler(runtime, bound);
    sampler.thread.start();
    return sampler;
  }

  private void sample() {
    while (running && samples < maxSamples) {
      RespoolStats stats = runtime.stats();
      samples++;
      peakPooledBytes = Math.max(peakPooledBytes, stats.pooledBytes());
      peakLeasesOut = Math.max(peakLeasesOut, stats.leasesOut());
      if (firstOverBound == null && stats.pooledBytes() > stats.maxPooledBytes()) {
        firstOverBound = stats;
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Stops sampling and waits for the sampling thread to end; the figures are final then. */
  void stop() {
    running = false;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** The samples taken; read after {@link #stop()}. */
  long samples() {
    return samples;
  }

  /** The largest {@code pooledBytes} sampled; read after {@link #stop()}. */
  long peakPooledBytes() {
    return peakPooledBytes;
  }

  /** The most leases out at once that a sample saw; read after {@link #stop()}. */
  long peakLeasesOut() {
    return peakLeasesOut;
  }

  /** The first sample whose {@code pooledBytes} exceeded the bound, or null. */
  RespoolStats firstOverBound() {
    return firstOverBound;
  }
}
