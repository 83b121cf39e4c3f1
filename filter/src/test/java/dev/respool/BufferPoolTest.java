package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BufferPoolTest {

  @ParameterizedTest
  @CsvSource({
    "0, 4096",
    "1, 4096",
    "4096, 4096",
    "4097, 8192",
    "8192, 8192",
    "20000, 32768",
    "65535, 65536",
    "65536, 65536",
    "65537, 65537",
    "1000000, 1000000"
  })
  void acquireGivesTheSmallestSizeClassThatFits(int requested, int capacity) {
    BufferPool pool = new BufferPool();

    Lease lease = pool.acquire(requested);

    assertThat(lease.capacity()).isEqualTo(capacity);
    assertThat(lease.state()).isEqualTo(Lease.State.HELD);
  }

  @Test
  void aReturnedArrayIsHandedOutAgain() {
    BufferPool pool = new BufferPool();
    Lease first = pool.acquire(10_000);
    byte[] array = first.array();

    first.release();
    Lease second = pool.acquire(10_000);

    assertThat(second.array()).isSameAs(array);
    PoolStats stats = pool.stats();
    assertThat(stats.acquires()).isEqualTo(2);
    assertThat(stats.hits()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.leasesOut()).isEqualTo(1);
  }

  @Test
  void aSecondReleaseOfTheSameLeaseDoesNotPoolItTwice() {
    BufferPool pool = new BufferPool();
    Lease lease = pool.acquire(4096);

    assertThat(lease.release()).isTrue();
    assertThat(lease.release()).isFalse();
    assertThat(lease.abandon()).isFalse();

    assertThat(pool.stats().pooledBytes()).isEqualTo(4096);
    assertThat(pool.stats().returned()).isEqualTo(1);
    Lease a = pool.acquire(4096);
    Lease b = pool.acquire(4096);
    assertThat(a.array()).isNotSameAs(b.array());
  }

  @Test
  void anAbandonedArrayIsNeverHandedOutAgain() {
    BufferPool pool = new BufferPool();
    Lease lease = pool.acquire(4096);
    lease.lend();

    assertThat(lease.abandon()).isTrue();
    assertThat(lease.release()).isFalse();

    assertThat(pool.acquire(4096).array()).isNotSameAs(lease.array());
    PoolStats stats = pool.stats();
    assertThat(stats.abandoned()).isEqualTo(1);
    assertThat(stats.pooledBytes()).isZero();
    assertThat(stats.leasesOut()).isEqualTo(1);
  }

  @Test
  void thePoolKeepsNoMoreThanItsBound() {
    BufferPool pool = new BufferPool(8192, false);
    List<Lease> leases = List.of(pool.acquire(4096), pool.acquire(4096), pool.acquire(4096));

    leases.forEach(Lease::release);

    PoolStats stats = pool.stats();
    assertThat(stats.pooledBytes()).isEqualTo(8192);
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.returned()).isEqualTo(3);
    assertThat(stats.leasesOut()).isZero();
  }

  @Test
  void arraysLargerThanTheLargestClassAreNeverKept() {
    BufferPool pool = new BufferPool();

    pool.acquire(BufferPool.MAX_CAPACITY + 1).release();

    PoolStats stats = pool.stats();
    assertThat(stats.pooledBytes()).isZero();
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.acquires()).isEqualTo(1);
    assertThat(stats.misses()).isEqualTo(1);
    assertThat(stats.leasesOut()).isZero();
  }

  @Test
  void aPoolWithoutRoomStillHandsOutArraysOfTheClassSize() {
    BufferPool pool = new BufferPool(0, false);

    assertThat(pool.acquire(5_000).capacity()).isEqualTo(8192);
    assertThat(pool.acquire(40_000).capacity()).isEqualTo(65536);
  }

  @Test
  void aPoisoningPoolOverwritesReleasedArrays() {
    BufferPool pool = new BufferPool(1 << 20, true);
    Lease lease = pool.acquire(4096);
    byte[] array = lease.array();
    java.util.Arrays.fill(array, (byte) 7);
    assertThat(BufferPool.isPoisoned(array, 0, array.length)).isFalse();

    lease.release();

    assertThat(BufferPool.isPoisoned(array, 0, array.length)).isTrue();
  }

  @Test
  void aPlainPoolLeavesReleasedArraysAsTheyWere() {
    BufferPool pool = new BufferPool(1 << 20, false);
    Lease lease = pool.acquire(4096);
    java.util.Arrays.fill(lease.array(), (byte) 7);

    lease.release();

    assertThat(lease.array()).containsOnly((byte) 7);
  }

  @Test
  void aPoisoningPoolKnowsTheLeaseOfEachOfItsArrays() {
    BufferPool debug = new BufferPool(1 << 20, true);
    Lease pooled = debug.acquire(4096);
    Lease large = debug.acquire(BufferPool.MAX_CAPACITY + 1);

    assertThat(debug.leaseOf(pooled.array())).isSameAs(pooled);
    assertThat(debug.leaseOf(large.array())).isSameAs(large);
    assertThat(debug.leaseOf(new byte[4096])).isNull();
    assertThat(new BufferPool().leaseOf(new BufferPool().acquire(1).array())).isNull();
  }

  @Test
  void leaseTransitionsOutsideTheirStatesAreRefused() {
    Lease lease = new BufferPool().acquire(4096);

    assertThatThrownBy(lease::reclaim).isInstanceOf(IllegalStateException.class);
    lease.lend();
    assertThatThrownBy(lease::lend).isInstanceOf(IllegalStateException.class);
    lease.reclaim();
    lease.release();
    assertThatThrownBy(lease::lend).hasMessageContaining("RETURNED");
  }

  @Test
  void aNegativeBoundIsRefused() {
    assertThatThrownBy(() -> new BufferPool(-1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPooledBytes");
  }

  @Test
  void noArrayIsInTwoHandsUnderContention() throws Exception {
    BufferPool pool = new BufferPool(256 * 1024, false);
    Set<byte[]> inUse = ConcurrentHashMap.newKeySet();
    AtomicInteger collisions = new AtomicInteger();
    int threads = 8;
    int rounds = 20_000;
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int seed = t;
      done.add(executor.submit(() -> {
        start.await();
        for (int i = 0; i < rounds; i++) {
          Lease lease = pool.acquire(4096 << ((i + seed) % 5));
          if (!inUse.add(lease.array())) {
            collisions.incrementAndGet();
          }
          lease.array()[0] = (byte) i;
          inUse.remove(lease.array());
          if ((i + seed) % 17 == 0) {
            lease.abandon();
          } else {
            lease.release();
          }
        }
        return null;
      }));
    }

    start.countDown();
    for (Future<?> future : done) {
      future.get(60, TimeUnit.SECONDS);
    }
    executor.shutdownNow();

    PoolStats stats = pool.stats();
    assertThat(collisions).hasValue(0);
    assertThat(stats.leasesOut()).isZero();
    assertThat(stats.acquires()).isEqualTo((long) threads * rounds);
    assertThat(stats.pooledBytes()).isBetween(0L, 256L * 1024);
  }

  @Test
  void anAbandonedArrayFreesItsPlaceInThePool() {
    BufferPool pool = new BufferPool(8192, false);
    Lease a = pool.acquire(4096);
    Lease b = pool.acquire(4096);

    a.abandon();
    Lease c = pool.acquire(4096);
    b.release();
    c.release();

    PoolStats stats = pool.stats();
    assertThat(stats.pooledBytes()).isEqualTo(8192);
    assertThat(stats.dropped()).isZero();
    assertThat(stats.abandoned()).isEqualTo(1);
    assertThat(stats.acquires()).isEqualTo(3);
    assertThat(stats.leasesOut()).isZero();
    Lease first = pool.acquire(4096);
    Lease second = pool.acquire(4096);
    assertThat(first == b && second == c || first == c && second == b).isTrue();
  }

  @Test
  void eachReturnAndTakeIsANewGeneration() {
    BufferPool pool = new BufferPool(1 << 20, false, 1);
    Lease lease = pool.acquire(4096);
    assertThat(lease.generation()).isZero();

    lease.lend();
    lease.reclaim();
    lease.release();
    Lease again = pool.acquire(4096);

    assertThat(again).isSameAs(lease);
    assertThat(again.generation()).isEqualTo(1);
    assertThat(again.state()).isEqualTo(Lease.State.HELD);
  }

  @Test
  void aBurstAfterAQuietSpellFindsEveryFreeArray() {
    BufferPool pool = new BufferPool(1 << 20, false, 1);
    List<Lease> first = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      first.add(pool.acquire(32 * 1024));
    }
    // Returned in an order unlike the one they were taken in.
    for (int i = 0; i < 32; i++) {
      first.get((i * 7) % 32).release();
    }

    List<Lease> second = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      second.add(pool.acquire(32 * 1024));
    }

    PoolStats stats = pool.stats();
    assertThat(stats.misses()).isEqualTo(32);
    assertThat(stats.hits()).isEqualTo(32);
    Set<Lease> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    distinct.addAll(second);
    assertThat(distinct).hasSize(32);
  }

  @Test
  void aReleasedArrayIsTheNextOneHandedOutEvenWhileManyOthersAreOut() {
    BufferPool pool = new BufferPool(1 << 20, false, 1);
    List<Lease> held = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      held.add(pool.acquire(8192));
    }

    held.get(10).release();

    assertThat(pool.acquire(8192)).isSameAs(held.get(10));
    assertThat(pool.stats().misses()).isEqualTo(40);
  }
}
