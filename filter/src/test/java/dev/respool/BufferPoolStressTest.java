package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Many threads against one pool: ownership, release and abandon races, poisoning, the bound and
 * the statistics. Every loop is bounded in rounds and in time.
 */
class BufferPoolStressTest {

  private static final int[] SIZES = {
    -1, 0, 1, 4096, 4097, 8192, 16 * 1024, 20_000, 32 * 1024, 65_535, 65_536, 65_537, 100_000
  };

  private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(8);

  /** Counts that the workers keep of what they did, to compare with the pool's statistics. */
  private static final class Tally {
    final LongAdder acquires = new LongAdder();
    final LongAdder released = new LongAdder();
    final LongAdder releasedUnkept = new LongAdder();
    final LongAdder abandoned = new LongAdder();
    final AtomicInteger collisions = new AtomicInteger();
    final AtomicInteger overwritten = new AtomicInteger();
    final AtomicInteger failedEnds = new AtomicInteger();
    final AtomicInteger notPoisoned = new AtomicInteger();
  }

  @ParameterizedTest(name = "bound {0}, stripes {1}, poison {2}")
  @CsvSource({
    "0, 1, false",
    "4096, 1, false",
    "65536, 1, false",
    "262144, 4, false",
    "262144, 1, true",
    "1048576, 4, true",
    "16777216, 4, false",
    "1048576, 64, false"
  })
  @Timeout(value = 50, unit = TimeUnit.SECONDS)
  void mixedChurnKeepsEveryArrayInOneHandAndTheCountsExact(long bound, int stripes, boolean poison)
      throws Exception {
    BufferPool pool = new BufferPool(bound, poison, stripes);
    Set<byte[]> inUse = ConcurrentHashMap.newKeySet();
    Tally tally = new Tally();
    int threads = 12;
    int rounds = 20_000;
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = 0x5EED_0000L + t;
      done.add(executor.submit(() -> {
        churn(pool, new SplittableRandom(seed), rounds, inUse, tally, start);
        return null;
      }));
    }
    start.await(10, TimeUnit.SECONDS);
    long peak = 0;
    int samples = 0;
    while (!done.stream().allMatch(Future::isDone) && samples < 200_000) {
      peak = Math.max(peak, pool.stats().pooledBytes());
      if (samples++ % 64 == 0) {
        PoolSlots.check(pool);
      }
    }
    for (Future<?> future : done) {
      future.get(40, TimeUnit.SECONDS);
    }
    executor.shutdownNow();

    PoolStats stats = pool.stats();
    assertThat(tally.collisions).as("arrays in two hands").hasValue(0);
    assertThat(tally.overwritten).as("arrays written by another holder").hasValue(0);
    assertThat(tally.failedEnds)
        .as("release or abandon of a held lease refused")
        .hasValue(0);
    assertThat(tally.notPoisoned).as("reused arrays not fully poisoned").hasValue(0);
    assertThat(peak).isLessThanOrEqualTo(bound);
    assertThat(stats.pooledBytes()).isBetween(0L, bound);
    assertThat(stats.acquires()).isEqualTo(tally.acquires.sum());
    assertThat(stats.hits() + stats.misses()).isEqualTo(stats.acquires());
    assertThat(stats.returned()).isEqualTo(tally.released.sum());
    assertThat(stats.abandoned()).isEqualTo(tally.abandoned.sum());
    assertThat(stats.dropped()).isEqualTo(tally.releasedUnkept.sum());
    assertThat(stats.leasesOut()).isZero();
    PoolSlots.check(pool);
    if (poison) {
      assertThat(PoolSlots.freeArraysNotPoisoned(pool)).isZero();
    }
  }

  private static void churn(
      BufferPool pool,
      SplittableRandom random,
      int rounds,
      Set<byte[]> inUse,
      Tally tally,
      CyclicBarrier start)
      throws Exception {
    start.await(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + RUN_NANOS;
    List<Lease> held = new ArrayList<>();
    List<Long> stamps = new ArrayList<>();
    long stampBase = Thread.currentThread().getId() << 32;
    for (int i = 0; i < rounds && System.nanoTime() < deadline; i++) {
      if (held.size() < 6 && (held.isEmpty() || random.nextInt(3) != 0)) {
        Lease lease = pool.acquire(SIZES[random.nextInt(SIZES.length)]);
        tally.acquires.increment();
        byte[] array = lease.array();
        if (pool.poisons()
            && lease.generation() > 0
            && !BufferPool.isPoisoned(array, 0, array.length)) {
          tally.notPoisoned.incrementAndGet();
        }
        if (!inUse.add(array)) {
          tally.collisions.incrementAndGet();
        }
        long stamp = stampBase | i;
        stamp(array, stamp);
        held.add(lease);
        stamps.add(stamp);
        continue;
      }
      int which = random.nextInt(held.size());
      Lease lease = held.remove(which);
      long stamp = stamps.remove(which);
      byte[] array = lease.array();
      if (!stamped(array, stamp)) {
        tally.overwritten.incrementAndGet();
      }
      inUse.remove(array);
      int how = random.nextInt(20);
      if (how < 2) {
        lease.lend();
        end(lease, true, tally);
      } else if (how < 4) {
        lease.lend();
        lease.reclaim();
        end(lease, false, tally);
      } else {
        end(lease, how == 4, tally);
      }
    }
    for (int j = 0; j < held.size(); j++) {
      if (!stamped(held.get(j).array(), stamps.get(j))) {
        tally.overwritten.incrementAndGet();
      }
      inUse.remove(held.get(j).array());
      end(held.get(j), false, tally);
    }
  }

  private static void end(Lease lease, boolean abandon, Tally tally) {
    boolean unkept = lease.stripe == null;
    boolean ok = abandon ? lease.abandon() : lease.release();
    if (!ok) {
      tally.failedEnds.incrementAndGet();
    } else if (abandon) {
      tally.abandoned.increment();
    } else {
      tally.released.increment();
      if (unkept) {
        tally.releasedUnkept.increment();
      }
    }
  }

  private static void stamp(byte[] array, long stamp) {
    ByteBuffer.wrap(array).putLong(0, stamp).putLong(array.length - 8, stamp);
  }

  private static boolean stamped(byte[] array, long stamp) {
    ByteBuffer buffer = ByteBuffer.wrap(array);
    return buffer.getLong(0) == stamp && buffer.getLong(array.length - 8) == stamp;
  }

  /**
   * Racing release and abandon calls from several threads on the same leases: exactly one wins per
   * lease, while other threads churn other sizes in the same small pool and so evict.
   */
  @Test
  @Timeout(value = 50, unit = TimeUnit.SECONDS)
  void ofRacingReleasesAndAbandonsExactlyOneWins() throws Exception {
    BufferPool pool = new BufferPool(256 * 1024, false, 2);
    int racers = 4;
    int perRound = 8;
    int rounds = 1_500;
    Lease[] contested = new Lease[perRound];
    AtomicIntegerArray wins = new AtomicIntegerArray(perRound);
    AtomicLong releaseWins = new AtomicLong();
    AtomicLong unkeptReleaseWins = new AtomicLong();
    AtomicLong abandonWins = new AtomicLong();
    AtomicInteger wrong = new AtomicInteger();
    CyclicBarrier go = new CyclicBarrier(racers + 1);
    CyclicBarrier over = new CyclicBarrier(racers + 1);
    ExecutorService executor = Executors.newFixedThreadPool(racers + 2);
    List<Future<?>> racing = new ArrayList<>();
    for (int r = 0; r < racers; r++) {
      int racer = r;
      racing.add(executor.submit(() -> {
        for (int round = 0; round < rounds; round++) {
          go.await(10, TimeUnit.SECONDS);
          for (int k = 0; k < perRound; k++) {
            // Each racer visits the leases in another order.
            int j = (k * (2 * racer + 1) + racer) % perRound;
            Lease lease = contested[j];
            boolean unkept = lease.stripe == null;
            if ((racer + j + round) % 2 == 0) {
              if (lease.release()) {
                wins.incrementAndGet(j);
                releaseWins.incrementAndGet();
                if (unkept) {
                  unkeptReleaseWins.incrementAndGet();
                }
              }
            } else if (lease.abandon()) {
              wins.incrementAndGet(j);
              abandonWins.incrementAndGet();
            }
          }
          over.await(10, TimeUnit.SECONDS);
        }
        return null;
      }));
    }
    // Churners of the two largest classes, so that returned contested leases get evicted.
    AtomicLong churned = new AtomicLong();
    AtomicInteger stop = new AtomicInteger();
    List<Future<?>> churning = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      long seed = 77 + c;
      churning.add(executor.submit(() -> {
        SplittableRandom random = new SplittableRandom(seed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Lease> held = new ArrayList<>();
        while (stop.get() == 0 && System.nanoTime() < deadline) {
          held.add(pool.acquire(random.nextBoolean() ? 32 * 1024 : 64 * 1024));
          churned.incrementAndGet();
          if (held.size() == 3) {
            held.forEach(Lease::release);
            held.clear();
          }
        }
        held.forEach(Lease::release);
        return null;
      }));
    }
    SplittableRandom random = new SplittableRandom(4242);
    long mainAcquires = 0;
    for (int round = 0; round < rounds; round++) {
      for (int j = 0; j < perRound; j++) {
        contested[j] = pool.acquire(random.nextInt(5) == 0 ? 70_000 : 4096 << random.nextInt(3));
        mainAcquires++;
        if (random.nextBoolean()) {
          contested[j].lend();
        }
        wins.set(j, 0);
      }
      go.await(10, TimeUnit.SECONDS);
      over.await(10, TimeUnit.SECONDS);
      for (int j = 0; j < perRound; j++) {
        Lease.State state = contested[j].state();
        if (wins.get(j) != 1 || state == Lease.State.HELD || state == Lease.State.LENT) {
          wrong.incrementAndGet();
        }
      }
    }
    stop.set(1);
    for (Future<?> future : racing) {
      future.get(30, TimeUnit.SECONDS);
    }
    for (Future<?> future : churning) {
      future.get(30, TimeUnit.SECONDS);
    }
    executor.shutdownNow();

    PoolStats stats = pool.stats();
    assertThat(wrong).hasValue(0);
    assertThat(releaseWins.get() + abandonWins.get()).isEqualTo((long) rounds * perRound);
    assertThat(stats.acquires()).isEqualTo(mainAcquires + churned.get());
    assertThat(stats.abandoned()).isEqualTo(abandonWins.get());
    assertThat(stats.returned()).isEqualTo(releaseWins.get() + churned.get());
    assertThat(stats.dropped()).isLessThanOrEqualTo(unkeptReleaseWins.get() + churned.get());
    assertThat(stats.hits() + stats.misses()).isEqualTo(stats.acquires());
    assertThat(stats.leasesOut()).isZero();
    PoolSlots.check(pool);
  }

  /**
   * In a poisoning pool, right after a release and until the next take, the array is all poison;
   * a lease re-taken by another thread is all poison when it arrives.
   */
  @Test
  @Timeout(value = 50, unit = TimeUnit.SECONDS)
  void aReleasedArrayStaysPoisonedUntilItIsTakenAgain() throws Exception {
    BufferPool pool = new BufferPool(128 * 1024, true, 2);
    int threads = 8;
    AtomicInteger dirtyAfterRelease = new AtomicInteger();
    AtomicInteger dirtyOnTake = new AtomicInteger();
    AtomicLong checked = new AtomicLong();
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = 1000 + t;
      byte mark = (byte) (t + 1);
      done.add(executor.submit(() -> {
        SplittableRandom random = new SplittableRandom(seed);
        start.await(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + RUN_NANOS;
        for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++) {
          Lease lease = pool.acquire(4096 << random.nextInt(5));
          byte[] array = lease.array();
          if (lease.generation() > 0 && !BufferPool.isPoisoned(array, 0, array.length)) {
            dirtyOnTake.incrementAndGet();
          }
          java.util.Arrays.fill(array, mark);
          long before = lease.word();
          lease.release();
          long w1 = lease.word();
          boolean poisoned = BufferPool.isPoisoned(array, 0, array.length);
          VarHandle.acquireFence();
          long w2 = lease.word();
          // Same generation as ours and unchanged: nobody took it, so it must be all poison.
          if (w1 == w2 && (w1 >>> 3) == (before >>> 3)) {
            checked.incrementAndGet();
            if (!poisoned) {
              dirtyAfterRelease.incrementAndGet();
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> future : done) {
      future.get(40, TimeUnit.SECONDS);
    }
    executor.shutdownNow();

    assertThat(dirtyOnTake).hasValue(0);
    assertThat(dirtyAfterRelease).hasValue(0);
    assertThat(checked.get()).isPositive();
    assertThat(PoolSlots.freeArraysNotPoisoned(pool)).isZero();
    assertThat(pool.stats().leasesOut()).isZero();
  }

  @ParameterizedTest(name = "bound {0}")
  @CsvSource({"0", "1", "4095", "4096", "65536", "262144", "4611686018427387903"})
  void edgeBoundsAndSizes(long bound) {
    BufferPool pool = new BufferPool(bound, false);
    int[] sizes = {Integer.MIN_VALUE, -1, 0, 1, 4096, 65_536, 65_537};
    int[] capacities = {4096, 4096, 4096, 4096, 4096, 65_536, 65_537};
    List<Lease> leases = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < sizes.length; i++) {
        Lease lease = pool.acquire(sizes[i]);
        assertThat(lease.capacity()).isEqualTo(capacities[i]);
        leases.add(lease);
      }
      leases.forEach(Lease::release);
      leases.clear();
    }
    PoolStats stats = pool.stats();
    assertThat(stats.acquires()).isEqualTo(21);
    assertThat(stats.leasesOut()).isZero();
    assertThat(stats.pooledBytes()).isBetween(0L, bound);
    PoolSlots.check(pool);
  }
}
