package dev.respool.bench.e2e;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The JVM's allocation and garbage collection counters at one moment.
 *
 * <p>Allocation comes from {@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes()}
 * (HotSpot, Java 14 and later): the bytes allocated on the heap by all threads, live and
 * terminated, since the JVM started. Of each thread's current allocation buffer it counts only
 * the part in use, so it is exact to the object; reading it allocates nothing.
 *
 * @param allocatedBytes bytes allocated by all threads so far
 * @param gcCount collections so far, over all collectors
 * @param gcMillis milliseconds spent in collections so far, over all collectors
 */
record JvmCounters(long allocatedBytes, long gcCount, long gcMillis) {

  private static final com.sun.management.ThreadMXBean THREADS = threads();
  private static final List<GarbageCollectorMXBean> COLLECTORS =
      ManagementFactory.getGarbageCollectorMXBeans();

  /**
   * The counters now.
   *
   * @throws IllegalStateException if the JVM cannot count allocated bytes
   */
  static JvmCounters now() {
    long count = 0;
    long millis = 0;
    for (GarbageCollectorMXBean collector : COLLECTORS) {
      count += Math.max(0, collector.getCollectionCount());
      millis += Math.max(0, collector.getCollectionTime());
    }
    long allocated = THREADS.getTotalThreadAllocatedBytes();
    if (allocated < 0) {
      throw new IllegalStateException("this JVM does not count allocated bytes"
          + " (ThreadMXBean.getTotalThreadAllocatedBytes returned " + allocated + ")");
    }
    return new JvmCounters(allocated, count, millis);
  }

  /** The counts of the window from {@code before} to this snapshot. */
  JvmCounters since(JvmCounters before) {
    return new JvmCounters(
        allocatedBytes - before.allocatedBytes,
        gcCount - before.gcCount,
        gcMillis - before.gcMillis);
  }

  private static com.sun.management.ThreadMXBean threads() {
    if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
        || !threads.isThreadAllocatedMemorySupported()) {
      throw new IllegalStateException("this JVM does not count allocated bytes per thread;"
          + " run the harness on a HotSpot JVM such as OpenJDK 17");
    }
    if (!threads.isThreadAllocatedMemoryEnabled()) {
      threads.setThreadAllocatedMemoryEnabled(true);
    }
    return threads;
  }
}
