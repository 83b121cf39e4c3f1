package dev.respool;

import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Size classes of {@code byte[]}, from {@value #MIN_CAPACITY} to {@value #MAX_CAPACITY} bytes in
 * powers of two, bounded in the total bytes they keep.
 *
 * <p>{@link #acquire(int)} hands out a {@link Lease}; the lease goes back with {@link
 * Lease#release()} or is dropped with {@link Lease#abandon()}. Once warm, an acquire and a release
 * allocate nothing. Larger requests get an array of their own that is never kept.
 *
 * <p>The pool keeps each of its arrays for good, in use or free, and never keeps more bytes than
 * its bound. When the bound is reached, a new array serves one lease and is then left to the
 * garbage collector; idle arrays of one size make room for arrays of another size when needed.
 *
 * <p>The pool is safe for use by any number of platform and virtual threads. It is split into a
 * few stripes, about two per processor, each with its own share of the bound. A stripe keeps each
 * of its arrays in a fixed slot, and whether the array is free is the state of its lease, so an
 * acquire takes a free lease with one compare-and-set and a release gives it back with another;
 * neither waits for any other thread. A thread starts at the stripe its id picks and looks at the
 * others when that one has no free array. Only making a new array, dropping an abandoned one and
 * reading the statistics take a stripe's lock, for a few instructions. Nothing is kept per thread,
 * so ten thousand virtual threads hold no more than two platform threads do.
 */
public final class BufferPool {

  /** The smallest array the pool hands out. */
  public static final int MIN_CAPACITY = 4 * 1024;

  /** The largest array the pool keeps; larger requests are served by fresh arrays. */
  public static final int MAX_CAPACITY = 64 * 1024;

  /** The default bound on the bytes kept in the pool. */
  public static final long DEFAULT_MAX_POOLED_BYTES = 16L * 1024 * 1024;

  /** The most stripes a pool uses, whatever the number of processors. */
  static final int MAX_STRIPES = 64;

  /** The most leases a stripe keeps of one size class. */
  static final int MAX_SLOTS = 1 << 16;

  /** How many slots past the hint an acquire looks at in each stripe before it moves on. */
  static final int PROBES = 8;

  /** Ints of padding around each stripe's hints: 64 bytes, a cache line. */
  static final int HINT_OFFSET = 16;

  private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_CAPACITY);
  static final int CLASSES = Integer.numberOfTrailingZeros(MAX_CAPACITY) - MIN_SHIFT + 1;
  private static final byte[] POISON =
      "<respool: released array, a writer kept it> ".getBytes(StandardCharsets.US_ASCII);

  /** The stripes; their number is a power of two. */
  private final Stripe[] stripes;

  /** {@code stripes.length - 1}, to pick a stripe from a thread id. */
  private final int mask;

  /** The bound on the bytes kept, the sum of the stripes' shares. */
  private final long maxPooledBytes;

  /** Whether released arrays are overwritten with a poison pattern (detect mode). */
  private final boolean poison;

  // The counters of the rare paths; those of the common ones live in the leases' words.
  /** Leases made and kept by a stripe. */
  private final LongAdder keptCreated = new LongAdder();
  /** Leases made that no stripe keeps: too large, or beyond the bound. */
  private final LongAdder unkeptCreated = new LongAdder();
  /** Returns of leases no stripe keeps. */
  private final LongAdder unkeptReturned = new LongAdder();

  private final LongAdder abandoned = new LongAdder();

  /**
   * In a poisoning pool, the lease of every array it made, so that a debug tool can tell a pooled
   * array when it meets one; null otherwise. Keys are arrays, compared by identity. A lease holds
   * its array, so it is held weakly here: a strong value would keep its own key, and with it every
   * array the pool ever made, alive for good.
   */
  private final Map<byte[], WeakReference<Lease>> owners;

  /**
   * Creates a pool.
   *
   * @param maxPooledBytes the most bytes the pool keeps between uses; 0 keeps nothing
   * @param poison whether to overwrite each released array with a poison pattern, so that a writer
   *     that reads it later sends a recognizable pattern instead of another response's data
   * @throws IllegalArgumentException if {@code maxPooledBytes} is negative
   */
  public BufferPool(long maxPooledBytes, boolean poison) {
    this(maxPooledBytes, poison, stripesFor(maxPooledBytes, availableProcessors()));
  }

  /** Creates a pool with the {@linkplain #DEFAULT_MAX_POOLED_BYTES default bound}. */
  public BufferPool() {
    this(DEFAULT_MAX_POOLED_BYTES, false);
  }

  BufferPool(long maxPooledBytes, boolean poison, int stripeCount) {
    if (maxPooledBytes < 0) {
      throw new IllegalArgumentException("maxPooledBytes must be 0 or more, was " + maxPooledBytes);
    }
    if (stripeCount < 1 || Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException("stripes must be a power of two, was " + stripeCount);
    }
    this.maxPooledBytes = maxPooledBytes;
    this.poison = poison;
    this.owners = poison ? Collections.synchronizedMap(new WeakHashMap<>()) : null;
    this.stripes = new Stripe[stripeCount];
    this.mask = stripeCount - 1;
    long share = maxPooledBytes / stripeCount;
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new Stripe(share);
    }
  }

  /**
   * The number of stripes for a bound and a processor count: the smallest power of two that gives
   * every processor two, so that two threads seldom meet on one, but only as many as leave each
   * stripe room for four arrays of the largest class, so that a small bound still keeps them.
   */
  static int stripesFor(long maxPooledBytes, int processors) {
    long affordable = maxPooledBytes / (4L * MAX_CAPACITY);
    int stripes = 1;
    while (stripes < 2L * processors && stripes * 2L <= affordable && stripes < MAX_STRIPES) {
      stripes <<= 1;
    }
    return stripes;
  }

  private static int availableProcessors() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * Leases an array of at least {@code minCapacity} bytes and at least {@value #MIN_CAPACITY}.
   *
   * @param minCapacity the fewest bytes the caller needs
   * @return a held lease
   */
  public Lease acquire(int minCapacity) {
    int index = classIndex(minCapacity);
    if (index < 0) {
      // Counted once the array exists, so that an allocation that fails counts no lease.
      Lease lease = new Lease(this, new byte[minCapacity], -1, null, -1);
      unkeptCreated.increment();
      return created(lease);
    }
    int home = homeStripe();
    Lease lease = stripes[home].take(index);
    return lease != null ? lease : acquireElsewhere(index, home);
  }

  /** The slow path of {@link #acquire}: the other stripes, then a fresh array. */
  private Lease acquireElsewhere(int index, int home) {
    for (int i = 1; i < stripes.length; i++) {
      Lease lease = stripes[(home + i) & mask].take(index);
      if (lease != null) {
        return lease;
      }
    }
    // Make a new lease that a stripe keeps: first where there is room, then by evicting idle
    // leases of other sizes.
    Lease lease = null;
    for (int pass = 0; pass < 2 && lease == null; pass++) {
      for (int i = 0; i < stripes.length && lease == null; i++) {
        lease = stripes[(home + i) & mask].register(this, index, pass == 1);
      }
    }
    if (lease == null) {
      lease = new Lease(this, new byte[MIN_CAPACITY << index], index, null, -1);
      unkeptCreated.increment();
    } else {
      keptCreated.increment();
    }
    return created(lease);
  }

  private Lease created(Lease lease) {
    if (owners != null) {
      owners.put(lease.array(), new WeakReference<>(lease));
    }
    return lease;
  }

  /**
   * The lease that owns {@code array}, for debug tools that watch what a container does with
   * pooled arrays. Only a poisoning pool keeps this record.
   *
   * @return the lease, or null if the array is not this pool's or the pool does not poison
   */
  public Lease leaseOf(byte[] array) {
    WeakReference<Lease> lease = owners == null ? null : owners.get(array);
    return lease == null ? null : lease.get();
  }

  /**
   * Called once per lease cycle by {@link Lease#release()}, after the lease left its held or lent
   * state; {@code before} is its word until then.
   */
  void recycle(Lease lease, long before) {
    if (poison) {
      fillWithPoison(lease.array());
    }
    Stripe stripe = lease.stripe;
    if (stripe == null) {
      unkeptReturned.increment();
      return;
    }
    if (poison) {
      lease.poisoned(before);
    }
    // A hint only: the next acquire on this stripe looks here first, at an array still in cache.
    stripe.hints[HINT_OFFSET + lease.sizeClass] = lease.slot;
  }

  /** Called once per lease by {@link Lease#abandon()}; {@code before} is its word until then. */
  void abandoned(Lease lease, long before) {
    abandoned.increment();
    if (lease.stripe != null) {
      lease.stripe.forget(lease, Lease.usesOf(before), Lease.usesOf(before) - 1);
    }
  }

  /**
   * The stripe a thread starts at. Thread ids are handed out in sequence, so the threads of one
   * pool land on different stripes.
   */
  @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number
  private int homeStripe() {
    return (int) Thread.currentThread().getId() & mask;
  }

  /** Whether released arrays are overwritten with a poison pattern. */
  public boolean poisons() {
    return poison;
  }

  /** The bound on the bytes kept in the pool. */
  public long maxPooledBytes() {
    return maxPooledBytes;
  }

  /** The number of stripes; see the class documentation. */
  int stripeCount() {
    return stripes.length;
  }

  /**
   * A snapshot of the counters. While leases move, the sums may be off by the leases that moved
   * during the call; once they stop, they are exact.
   */
  public PoolStats stats() {
    long[] sums = new long[4];
    for (Stripe stripe : stripes) {
      stripe.addTo(sums);
    }
    long keptAcquires = sums[0];
    long keptReturns = sums[1];
    long pooled = sums[2];
    long unkept = unkeptCreated.sum();
    long unkeptBack = unkeptReturned.sum();
    long acquired = keptAcquires + unkept;
    long back = keptReturns + unkeptBack;
    long lost = abandoned.sum();
    long misses = keptCreated.sum() + unkept;
    return new PoolStats(
        acquired - back - lost,
        acquired,
        acquired - misses,
        misses,
        back,
        unkeptBack,
        lost,
        pooled,
        maxPooledBytes);
  }

  /** Tells whether an array is one of the pool's poisoned arrays from start to end. */
  static boolean isPoisoned(byte[] array, int from, int to) {
    for (int i = from; i < to; i++) {
      if (array[i] != POISON[i % POISON.length]) {
        return false;
      }
    }
    return true;
  }

  private static void fillWithPoison(byte[] array) {
    for (int i = 0; i < array.length; i += POISON.length) {
      System.arraycopy(POISON, 0, array, i, Math.min(POISON.length, array.length - i));
    }
  }

  /** The index of the smallest class that fits, or -1 when no class does. */
  private static int classIndex(int minCapacity) {
    if (minCapacity <= MIN_CAPACITY) {
      return 0;
    }
    if (minCapacity > MAX_CAPACITY) {
      return -1;
    }
    return 32 - Integer.numberOfLeadingZeros(minCapacity - 1) - MIN_SHIFT;
  }
}
