package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How idle arrays of one size make room for another within the bound. */
class BufferPoolEvictionTest {

  @Test
  void idleArraysOfOneSizeMakeRoomForAnother() {
    BufferPool pool = new BufferPool(256 * 1024, false, 1);
    List<Lease> small = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      small.add(pool.acquire(4096));
    }
    small.forEach(Lease::release);
    assertThat(pool.stats().pooledBytes()).isEqualTo(256 * 1024);

    Lease large = pool.acquire(64 * 1024);
    large.release();

    PoolStats stats = pool.stats();
    assertThat(stats.pooledBytes()).isEqualTo(256 * 1024);
    assertThat(stats.dropped()).isZero();
    assertThat(stats.misses()).isEqualTo(65);
    assertThat(stats.returned()).isEqualTo(65);
    assertThat(stats.leasesOut()).isZero();
    // The large array is kept: the next acquire of its size gets it back.
    assertThat(pool.acquire(64 * 1024).array()).isSameAs(large.array());
    // Sixteen small arrays made room for it; the 48 left are still handed out.
    Set<Lease> before = Collections.newSetFromMap(new IdentityHashMap<>());
    before.addAll(small);
    Set<Lease> left = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < 48; i++) {
      left.add(pool.acquire(4096));
    }
    assertThat(pool.stats().hits()).isEqualTo(49);
    assertThat(left).hasSize(48);
    assertThat(before.containsAll(left)).isTrue();
  }

  @Test
  void idleArraysThatExactlyCoverTheShortfallMakeRoom() {
    BufferPool pool = new BufferPool(256 * 1024, false, 1);
    List<Lease> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(pool.acquire(64 * 1024));
    }
    pool.acquire(32 * 1024).release();
    // Kept: 3 x 64K held and 32K idle. Another 64K needs exactly the room of the idle 32K.

    Lease large = pool.acquire(64 * 1024);
    large.release();

    PoolStats stats = pool.stats();
    assertThat(stats.pooledBytes()).isEqualTo(64 * 1024);
    assertThat(stats.dropped()).isZero();
    assertThat(pool.acquire(64 * 1024)).isSameAs(large);
  }

  @Test
  void theBoundHoldsAcrossSizeClasses() {
    BufferPool pool = new BufferPool(16 * 1024, false, 1);
    List<Lease> leases =
        new ArrayList<>(List.of(pool.acquire(8192), pool.acquire(4096), pool.acquire(4096)));
    // Held arrays fill the bound, though the row of 8 KiB arrays has a free slot.

    leases.add(pool.acquire(8192));
    leases.forEach(Lease::release);

    PoolStats stats = pool.stats();
    assertThat(stats.pooledBytes()).isEqualTo(16 * 1024);
    assertThat(stats.dropped()).isEqualTo(1);
  }
}
