package dev.respool;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>The pool is safe for use by any number of platform and virtual threads, and keeps nothing per
 * thread.
 */
public final class BufferPool {

  /** The smallest array the pool hands out. */
  public static final int MIN_CAPACITY = 4 * 1024;

  /** The largest array the pool keeps; larger requests are served by fresh arrays. */
  public static final int MAX_CAPACITY = 64 * 1024;

  /** The default bound on the bytes kept in the pool. */
  public static final long DEFAULT_MAX_POOLED_BYTES = 16L * 1024 * 1024;

  private static final int MIN_SHIFT = Integer.numberOfTrailingZeros(MIN_CAPACITY);
  private static final int CLASSES = Integer.numberOfTrailingZeros(MAX_CAPACITY) - MIN_SHIFT + 1;
  private static final byte[] POISON =
      "<respool: released array, a writer kept it> ".getBytes(StandardCharsets.US_ASCII);

  /** One stack per size class, smallest first. */
  private final SizeClass[] classes = new SizeClass[CLASSES];

  /** The bound on {@link #pooledBytes}. */
  private final long maxPooledBytes;

  /** Whether released arrays are overwritten with a poison pattern (detect mode). */
  private final boolean poison;

  /** Bytes kept in the stacks; reserved before a push and freed after a pop, so never too low. */
  private final AtomicLong pooledBytes = new AtomicLong();

  private final LongAdder acquires = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder returned = new LongAdder();
  private final LongAdder dropped = new LongAdder();
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
    if (maxPooledBytes < 0) {
      throw new IllegalArgumentException("maxPooledBytes must be 0 or more, was " + maxPooledBytes);
    }
    this.maxPooledBytes = maxPooledBytes;
    this.poison = poison;
    this.owners = poison ? Collections.synchronizedMap(new WeakHashMap<>()) : null;
    for (int i = 0; i < CLASSES; i++) {
      int size = MIN_CAPACITY << i;
      int slots = (int) Math.min(maxPooledBytes / size, Integer.MAX_VALUE - 8);
      classes[i] = new SizeClass(size, slots);
    }
  }

  /** Creates a pool with the {@linkplain #DEFAULT_MAX_POOLED_BYTES default bound}. */
  public BufferPool() {
    this(DEFAULT_MAX_POOLED_BYTES, false);
  }

  /**
   * Leases an array of at least {@code minCapacity} bytes and at least {@value #MIN_CAPACITY}.
   *
   * @param minCapacity the fewest bytes the caller needs
   * @return a held lease
   */
  public Lease acquire(int minCapacity) {
    acquires.increment();
    int index = classIndex(minCapacity);
    if (index < 0) {
      return created(new Lease(this, new byte[minCapacity], -1));
    }
    SizeClass sizeClass = classes[index];
    Lease lease = sizeClass.pop();
    if (lease == null) {
      return created(new Lease(this, new byte[sizeClass.size], index));
    }
    pooledBytes.addAndGet(-sizeClass.size);
    hits.increment();
    lease.reacquire();
    return lease;
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
    returned.increment();
    if (poison) {
      fillWithPoison(lease.array());
    }
    if (lease.sizeClass < 0 || !reserve(lease.capacity())) {
      dropped.increment();
      return;
    }
    if (!classes[lease.sizeClass].push(lease)) {
      pooledBytes.addAndGet(-lease.capacity());
      dropped.increment();
    }
  }

  /** Called once per lease by {@link Lease#abandon()}. */
  void abandoned(Lease lease) {
    abandoned.increment();
  }

  /** Whether released arrays are overwritten with a poison pattern. */
  public boolean poisons() {
    return poison;
  }

  /** The bound on the bytes kept in the pool. */
  public long maxPooledBytes() {
    return maxPooledBytes;
  }

  /** A snapshot of the counters; each is read once, so the sum may be off while leases move. */
  public PoolStats stats() {
    long acquired = acquires.sum();
    long hit = hits.sum();
    long back = returned.sum();
    long lost = abandoned.sum();
    return new PoolStats(
        acquired - back - lost,
        acquired,
        hit,
        acquired - hit,
        back,
        dropped.sum(),
        lost,
        pooledBytes.get(),
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

  private boolean reserve(int size) {
    long current;
    do {
      current = pooledBytes.get();
      if (current + size > maxPooledBytes) {
        return false;
      }
    } while (!pooledBytes.compareAndSet(current, current + size));
    return true;
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

  /**
   * A stack of returned leases of one size. A plain monitor guards it: the critical sections are a
   * few instructions long and never block, so platform and virtual threads alike pass through
   * quickly.
   */
  private static final class SizeClass {
    /** The capacity of every array in this class. */
    final int size;

    /** Returned leases; slots at and above {@link #top} are null. */
    private final Lease[] stack;

    /** The number of leases on the stack. */
    private int top;

    SizeClass(int size, int slots) {
      this.size = size;
      this.stack = new Lease[slots];
    }

    synchronized Lease pop() {
      if (top == 0) {
        return null;
      }
      Lease lease = stack[--top];
      stack[top] = null;
      return lease;
    }

    synchronized boolean push(Lease lease) {
      if (top == stack.length) {
        return false;
      }
      stack[top++] = lease;
      return true;
    }
  }
}
