package dev.respool;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Acquire, release and abandon under every interleaving that lincheck's model checker explores,
 * and under its stress runs. Each operation returns true when it saw the pool keep its promises,
 * which is what any sequential run of them returns: so a concurrent run that returns false
 * anywhere is not linearizable, and lincheck prints the interleaving that broke it.
 *
 * <p>The promises: an array is never in two hands at once; a lease released or abandoned twice,
 * from two threads, goes back once; the pool never keeps more than its bound; when every
 * operation is over, no lease is out.
 */
public class BufferPoolLincheckTest {

  /** Room for three 4 KiB arrays or one 16 KiB array, so sizes compete and evict each other. */
  private static final long BOUND = 12 * 1024;

  private final BufferPool pool = new BufferPool(BOUND, false);

  /** Arrays in some operation's hands right now, by identity. */
  private final Set<byte[]> inHand =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

  /**
   * A lent lease that two threads may race to end, as a release signal and an abort do. It comes
   * from a pool of its own, which no other operation uses, so that its second end can only be a
   * double end of this lease, never the end of a later owner's.
   */
  private final BufferPool sharedPool = new BufferPool(BOUND, false);

  private final Lease shared;

  public BufferPoolLincheckTest() {
    shared = sharedPool.acquire(4096);
    shared.lend();
  }

  /** Takes an array, owns it alone while writing it, and returns it. */
  @Operation
  public boolean cycle() {
    return cycle(4096, false);
  }

  /** The same with a size that needs room made by evicting idle smaller arrays. */
  @Operation
  public boolean cycleLarge() {
    return cycle(16 * 1024, false);
  }

  /** Takes an array, lends it to a write that fails, and abandons it. */
  @Operation
  public boolean cycleAbandoned() {
    return cycle(4096, true);
  }

  /** Holds two arrays at once: they must differ. */
  @Operation
  public boolean holdTwo() {
    Lease first = pool.acquire(4096);
    Lease second = pool.acquire(8192);
    boolean distinct = first.array() != second.array() && claim(first) && claim(second);
    unclaim(first);
    unclaim(second);
    return distinct & first.release() & second.release();
  }

  /** One of two racing ends of the shared lease: true for the first, false for any later one. */
  @Operation
  public boolean releaseShared() {
    return shared.release();
  }

  /** The other kind of end; of a release and an abandon racing, exactly one wins. */
  @Operation
  public boolean abandonShared() {
    return shared.abandon();
  }

  private boolean cycle(int size, boolean abandon) {
    Lease lease = pool.acquire(size);
    if (lease.capacity() < size || !claim(lease)) {
      return false;
    }
    byte[] array = lease.array();
    array[0] = 1;
    array[array.length - 1] = 1;
    unclaim(lease);
    if (abandon) {
      lease.lend();
      return lease.abandon();
    }
    return lease.release();
  }

  private boolean claim(Lease lease) {
    return inHand.add(lease.array());
  }

  private void unclaim(Lease lease) {
    inHand.remove(lease.array());
  }

  /** After every scenario: nothing out, the bound held, the shared lease ended at most once. */
  @Validate
  public void nothingOutAndTheBoundHeld() {
    PoolStats stats = pool.stats();
    check(stats.leasesOut() == 0, "leases still out: " + stats);
    check(stats.pooledBytes() <= BOUND, "more pooled than the bound: " + stats);
    PoolStats sharedStats = sharedPool.stats();
    long ends = sharedStats.returned() + sharedStats.abandoned();
    boolean ended = shared.state() != Lease.State.LENT;
    check(ends == (ended ? 1 : 0), "the shared lease ended " + ends + " times: " + sharedStats);
    check(sharedStats.leasesOut() == (ended ? 0 : 1), "shared pool: " + sharedStats);
  }

  private static void check(boolean condition, String failure) {
    if (!condition) {
      throw new IllegalStateException(failure);
    }
  }

  @Test
  void modelChecking() {
    new ModelCheckingOptions()
        .iterations(12)
        .invocationsPerIteration(300)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(2)
        .actorsAfter(1)
        .check(getClass());
  }

  @Test
  void stress() {
    new StressOptions()
        .iterations(20)
        .invocationsPerIteration(2_000)
        .threads(3)
        .actorsPerThread(3)
        .check(getClass());
  }
}
