package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the pool splits its bound into stripes, and what each stripe keeps. */
class BufferPoolStripesTest {

  @ParameterizedTest
  @CsvSource({
    // bound, processors, stripes
    "16777216, 2, 4",
    "16777216, 1, 2",
    "16777216, 3, 8",
    "16777216, 64, 64",
    "16777216, 1000, 64",
    // Bound and processors would feed 128 stripes; 64 is the most.
    "33554432, 1000, 64",
    "1048576, 64, 4",
    "262144, 8, 1",
    "8192, 2, 1",
    "0, 2, 1"
  })
  void stripesGrowWithProcessorsUntilTheBoundCannotFeedThem(long bound, int cpus, int stripes) {
    assertThat(BufferPool.stripesFor(bound, cpus)).isEqualTo(stripes);
  }

  @Test
  void aStripeCountThatIsNoPowerOfTwoIsRefused() {
    assertThatThrownBy(() -> new BufferPool(1 << 20, false, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power of two");
  }

  @Test
  void anArrayReturnedOnOneThreadIsReusedOnAnother() throws Exception {
    BufferPool pool = new BufferPool(1 << 20, false, 4);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      // Whichever stripes the two threads start at, the acquire looks at all of them.
      for (int round = 0; round < 8; round++) {
        byte[] array = other
            .submit(() -> {
              Lease lease = pool.acquire(32 * 1024);
              lease.release();
              return lease.array();
            })
            .get(10, TimeUnit.SECONDS);
        Lease again = pool.acquire(32 * 1024);
        assertThat(again.array()).isSameAs(array);
        again.release();
      }
    } finally {
      other.shutdownNow();
    }
    PoolStats stats = pool.stats();
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.hits()).isEqualTo(15);
    assertThat(stats.leasesOut()).isZero();
  }

  @Test
  void eachStripeKeepsOnlyItsShareOfTheBound() {
    BufferPool pool = new BufferPool(1 << 20, false, 4);
    List<Lease> leases = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      leases.add(pool.acquire(32 * 1024));
    }

    leases.forEach(Lease::release);

    PoolStats stats = pool.stats();
    assertThat(stats.pooledBytes()).isEqualTo(1 << 20);
    assertThat(stats.returned()).isEqualTo(64);
    assertThat(stats.dropped()).isEqualTo(32);
  }

  @Test
  void theBoundHoldsWhileManyThreadsChurn() throws Exception {
    long bound = 512 * 1024;
    BufferPool pool = new BufferPool(bound, false, 4);
    int threads = 8;
    int rounds = 5_000;
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      done.add(executor.submit(() -> {
        start.await();
        List<Lease> held = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
          // Hold up to four leases at once, so that returns come in bursts above the bound.
          held.add(pool.acquire(4096 << ((i * 7 + seed) % 5)));
          if (held.size() == 4 || i == rounds - 1) {
            held.forEach(Lease::release);
            held.clear();
          }
        }
        return null;
      }));
    }

    start.countDown();
    long peak = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!done.stream().allMatch(Future::isDone) && System.nanoTime() < deadline) {
      peak = Math.max(peak, pool.stats().pooledBytes());
    }
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    executor.shutdownNow();

    PoolStats stats = pool.stats();
    assertThat(peak).isLessThanOrEqualTo(bound);
    assertThat(stats.pooledBytes()).isBetween(1L, bound);
    assertThat(stats.leasesOut()).isZero();
    assertThat(stats.acquires()).isEqualTo((long) threads * rounds);
    assertThat(stats.returned()).isEqualTo((long) threads * rounds);
    assertThat(stats.hits() + stats.misses()).isEqualTo(stats.acquires());
  }

  @Test
  void aPoolHasStripesForTheProcessorsOfThisMachine() {
    int processors = Runtime.getRuntime().availableProcessors();

    assertThat(new BufferPool().stripeCount())
        .isEqualTo(BufferPool.stripesFor(BufferPool.DEFAULT_MAX_POOLED_BYTES, processors));
  }

  @Test
  void aNewArrayGoesWhereThereIsRoomBeforeIdleArraysAreEvicted() {
    BufferPool pool = new BufferPool(512 * 1024, false, 2);
    List<Lease> small = new ArrayList<>();
    // This thread's stripe takes them all: it has room for exactly 64.
    for (int i = 0; i < 64; i++) {
      small.add(pool.acquire(4096));
    }
    small.forEach(Lease::release);

    pool.acquire(64 * 1024).release();
    for (int i = 0; i < 64; i++) {
      pool.acquire(4096);
    }

    PoolStats stats = pool.stats();
    assertThat(stats.hits()).isEqualTo(64);
    assertThat(stats.misses()).isEqualTo(65);
    assertThat(stats.dropped()).isZero();
  }
}
