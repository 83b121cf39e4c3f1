package dev.respool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * allocate nothing. Larger requests get an array of their own that is never kept. When keeping a
 * returned array would pass the bound, the pool lets it go to the garbage collector instead.
 *
 * <p>The pool is safe for use by any number of platform and virtual threads. It is split into a
 * few stripes, about two per processor, each with its own share of the bound; a thread starts at
 * the stripe its id picks and moves on to the next when that one is busy or cannot serve it. A
 * thread never waits for another, and nothing is kept per thread, so ten thousand virtual threads
 * hold no more than two platform threads do.
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

  private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_CAPACITY);
  private static final int CLASSES = Integer.numberOfTrailingZeros(MAX_CAPACITY) - MIN_SHIFT + 1;
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

  // The counters of the rare paths; those of the common ones live in the stripes.
  private final LongAdder misses = new LongAdder();
  private final LongAdder unkept = new LongAdder();
  private final LongAdder abandoned = new LongAdder();

  /**
   * In a poisoning pool, the lease of every array it made, so that a debug tool can tell a pooled
   * array when it meets one; null otherwise. Keys are arrays, compared by identity.
   */
  private final Map<byte[], Lease> owners;

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
      misses.increment();
      return created(new Lease(this, new byte[minCapacity], -1));
    }
    int home = homeStripe();
    Stripe stripe = stripes[home];
    if (stripe.tryLock()) {
      Lease lease = stripe.pop(index);
      stripe.unlock();
      if (lease != null) {
        lease.reacquire();
        return lease;
      }
    }
    return acquireElsewhere(index, home);
  }

  /** The slow path of {@link #acquire}: the other stripes in turn, then a fresh array. */
  private Lease acquireElsewhere(int index, int home) {
    for (int i = 1; i < stripes.length; i++) {
      Stripe stripe = stripes[(home + i) & mask];
      if (stripe.tryLock()) {
        Lease lease = stripe.pop(index);
        stripe.unlock();
        if (lease != null) {
          lease.reacquire();
          return lease;
        }
      }
    }
    misses.increment();
    return created(new Lease(this, new byte[MIN_CAPACITY << index], index));
  }

  private Lease created(Lease lease) {
    if (owners != null) {
      owners.put(lease.array(), lease);
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
    return owners == null ? null : owners.get(array);
  }

  /** Called once per lease by {@link Lease#release()}. */
  void recycle(Lease lease) {
    if (poison) {
      fillWithPoison(lease.array());
    }
    int index = lease.sizeClass;
    if (index >= 0) {
      int home = homeStripe();
      for (int i = 0; i < stripes.length; i++) {
        Stripe stripe = stripes[(home + i) & mask];
        if (stripe.tryLock()) {
          boolean kept = stripe.push(index, lease);
          stripe.unlock();
          if (kept) {
            return;
          }
        }
      }
    }
    unkept.increment();
  }

  /** Called once per lease by {@link Lease#abandon()}. */
  void abandoned(Lease lease) {
    abandoned.increment();
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
   * A snapshot of the counters. Each stripe is read whole, under its lock, but the stripes one
   * after the other, so the sums may be off by the leases that move meanwhile.
   */
  public PoolStats stats() {
    long hits = 0;
    long kept = 0;
    long pooled = 0;
    for (Stripe stripe : stripes) {
      stripe.lockForRead();
      hits += stripe.hits;
      kept += stripe.kept;
      pooled += stripe.bytes;
      stripe.unlock();
    }
    // While leases move these sums are approximate; once they stop, they are exact.
    long lost = abandoned.sum();
    long back = kept + unkept.sum();
    long acquired = hits + misses.sum();
    return new PoolStats(
        acquired - back - lost,
        acquired,
        hits,
        acquired - hits,
        back,
        back - kept,
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

  /** Padding before a stripe's fields, so that two stripes never share a cache line. */
  @SuppressWarnings("unused")
  private abstract static class PadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
  }

  /**
   * The state of one stripe. Everything but {@link #lock} is read and written only by the thread
   * that holds the lock, so plain fields suffice: taking the lock is a compare-and-set, which reads
   * the release store of the last unlock, so each holder sees all that the previous one wrote.
   */
  private abstract static class StripeFields extends PadBefore {
    /** 0 when free, 1 when held; changed only through {@link Stripe#LOCK}. */
    @SuppressWarnings("unused")
    volatile int lock;

    /** This stripe's share of the pool's bound. */
    final long maxBytes;

    /** Bytes kept on this stripe's stacks. */
    long bytes;

    /** Acquires this stripe served. */
    long hits;

    /** Returned leases this stripe kept. */
    long kept;

    /** One stack of kept leases per size class; slots at and above the class's top are null. */
    final Lease[][] stacks = new Lease[CLASSES][];

    /** The number of leases on each stack. */
    final int[] tops = new int[CLASSES];

    StripeFields(long maxBytes) {
      this.maxBytes = maxBytes;
      for (int i = 0; i < CLASSES; i++) {
        stacks[i] =
            new Lease[(int) Math.min(maxBytes / (MIN_CAPACITY << i), Integer.MAX_VALUE - 8)];
      }
    }
  }

  /**
   * A part of the pool with its own lock and its own share of the bound.
   *
   * <p>The lock is only ever tried, never waited for: a thread that finds it taken goes to another
   * stripe, or allocates, or drops the array. The holder runs a few instructions that neither
   * block nor allocate, so the lock is free again almost at once and a virtual thread holding it
   * never unmounts. Only {@link #lockForRead()}, used for statistics, spins.
   */
  private static final class Stripe extends StripeFields {
    static final VarHandle LOCK;

    static {
      try {
        LOCK = MethodHandles.lookup().findVarHandle(StripeFields.class, "lock", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    @SuppressWarnings("unused")
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    Stripe(long maxBytes) {
      super(maxBytes);
    }

    boolean tryLock() {
      // Read before the compare-and-set, so that a taken lock costs no exclusive cache line.
      return (int) LOCK.getOpaque(this) == 0 && LOCK.compareAndSet(this, 0, 1);
    }

    void lockForRead() {
      for (int spins = 0; !tryLock(); spins++) {
        if (spins < 100) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
      }
    }

    void unlock() {
      LOCK.setRelease(this, 0);
    }

    /** Takes a lease of class {@code index}, or returns null. Hold the lock. */
    Lease pop(int index) {
      int top = tops[index];
      if (top == 0) {
        return null;
      }
      Lease[] stack = stacks[index];
      Lease lease = stack[--top];
      stack[top] = null;
      tops[index] = top;
      bytes -= MIN_CAPACITY << index;
      hits++;
      return lease;
    }

    /** Keeps a lease of class {@code index} if the share and the stack allow. Hold the lock. */
    boolean push(int index, Lease lease) {
      int size = MIN_CAPACITY << index;
      int top = tops[index];
      Lease[] stack = stacks[index];
      if (top == stack.length || bytes + size > maxBytes) {
        return false;
      }
      stack[top] = lease;
      tops[index] = top + 1;
      bytes += size;
      kept++;
      return true;
    }
  }
}
