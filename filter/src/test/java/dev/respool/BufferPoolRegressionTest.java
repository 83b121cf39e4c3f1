package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases the pool once got wrong, each the smallest that showed it. */
class BufferPoolRegressionTest {

  /** Acquires and returns an array the pool does not keep; only a weak reference stays. */
  private static WeakReference<byte[]> acquireAndReturnUnkept(BufferPool pool, boolean abandon) {
    Lease lease = pool.acquire(BufferPool.MAX_CAPACITY + 1);
    WeakReference<byte[]> ref = new WeakReference<>(lease.array());
    if (abandon) {
      lease.abandon();
    } else {
      lease.release();
    }
    return ref;
  }

  private static boolean collected(WeakReference<byte[]> ref) throws InterruptedException {
    for (int i = 0; i < 20 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    return ref.get() == null;
  }

  @Test
  void aNonPoisoningPoolLetsTheGarbageCollectorHaveArraysItDoesNotKeep() throws Exception {
    BufferPool pool = new BufferPool(0, false);
    WeakReference<byte[]> released = acquireAndReturnUnkept(pool, false);

    assertThat(collected(released)).isTrue();
    assertThat(pool.stats().dropped()).isEqualTo(1); // keeps the pool reachable until here
  }

  /**
   * The owners map is a WeakHashMap whose values (leases) hold their keys (arrays) strongly, so no
   * entry is ever cleared: a poisoning pool keeps every array it ever made, beyond its bound.
   */
  @Test
  void aPoisoningPoolLetsTheGarbageCollectorHaveArraysItDoesNotKeep() throws Exception {
    BufferPool pool = new BufferPool(0, true);
    WeakReference<byte[]> released = acquireAndReturnUnkept(pool, false);
    WeakReference<byte[]> abandoned = acquireAndReturnUnkept(pool, true);

    assertThat(collected(released)).as("released unkept array collected").isTrue();
    assertThat(collected(abandoned)).as("abandoned array collected").isTrue();
    assertThat(pool.stats().dropped()).isEqualTo(1);
  }

  /**
   * The count of unkept leases goes up before their array is allocated, so an acquire that throws
   * leaves a lease "out" in the statistics for good.
   */
  @Test
  void anAcquireThatFailsToAllocateCountsNoLease() {
    BufferPool pool = new BufferPool();

    assertThatThrownBy(() -> pool.acquire(Integer.MAX_VALUE)).isInstanceOf(Error.class);

    PoolStats stats = pool.stats();
    assertThat(stats.acquires()).isZero();
    assertThat(stats.misses()).isZero();
    assertThat(stats.leasesOut()).isZero();
  }

  /**
   * makeRoom evicts idle leases of other classes one by one and gives up when they do not add up to
   * enough room, but the leases it evicted stay evicted: the pool loses idle arrays and the
   * acquire gets an unkept array anyway.
   */
  @Test
  void anEvictionThatCannotMakeEnoughRoomEvictsNothing() {
    BufferPool pool = new BufferPool(4L * BufferPool.MAX_CAPACITY, false, 1);
    List<Lease> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(pool.acquire(64 * 1024));
    }
    Lease idle = pool.acquire(32 * 1024);
    held.add(pool.acquire(32 * 1024));
    idle.release();
    // Kept: 3 x 64K held, 32K held, 32K idle = the whole bound. Evicting the idle 32K cannot make
    // room for 64K.
    assertThat(pool.stats().pooledBytes()).isEqualTo(32 * 1024);

    Lease large = pool.acquire(64 * 1024);

    assertThat(large.stripe).as("no room for another kept 64K").isNull();
    assertThat(pool.stats().pooledBytes()).as("the idle 32K is still kept").isEqualTo(32 * 1024);
    assertThat(pool.acquire(32 * 1024)).isSameAs(idle);
  }

  /**
   * Lease.end() returns -1 for "not held", and release() and abandon() test for a negative word,
   * but a word is negative once the generation reaches 2^60. Then release() moves the lease on and
   * reports false without recycling it: in a poisoning pool the lease stays POISONING, never to
   * be handed out again. 2^60 cycles of one lease cannot happen in practice; the word is set here.
   */
  @Test
  void aReleaseAtAGenerationWithTheTopBitSetReturnsTheLease() throws Exception {
    BufferPool pool = new BufferPool(1 << 20, true, 1);
    Lease lease = pool.acquire(4096);
    Field word = Lease.class.getDeclaredField("word");
    word.setAccessible(true);
    word.setLong(lease, Long.MIN_VALUE | Lease.HELD);

    assertThat(lease.release()).isTrue();
    assertThat(pool.acquire(4096)).isSameAs(lease);
  }
}
