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
  private static final int HINT_OFFSET = 16;

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

  /**
   * A part of the pool with its own share of the bound: for each size class, a fixed row of slots,
   * each holding one lease that this stripe keeps for good.
   *
   * <p>A kept lease never leaves its slot while it is in use: whether it is free is its own state.
   * So an acquire is one compare-and-set on a returned lease ({@link Lease#take()}), and a release
   * one compare-and-set on the lease's own state, with no lock and no shared counter between them.
   * Counts live in the leases' words too (how many times each was taken), and {@link #addTo} sums
   * them.
   *
   * <p>The slots change only under the stripe's monitor, which guards registering a new lease,
   * evicting an idle one and forgetting an abandoned one: rare, short, and never blocking inside.
   * Acquires read the slots without it. A slot read early may be null, or hold a lease that has
   * just been evicted or abandoned; such a lease is not returned, so its take fails and the acquire
   * goes on, and since leases' fields other than their word are final, a lease seen through a racy
   * read is complete.
   */
  static final class Stripe {
    /** This stripe's share of the pool's bound. */
    private final long maxBytes;

    /** For each size class, the kept leases; null where a slot is free. */
    private final Lease[][] slots = new Lease[CLASSES][];

    /**
     * For each size class, from {@link #HINT_OFFSET}, the slot released last; then, for each class,
     * the slot where the last look past the hint stopped. Padded, so that two stripes' hints never
     * share a cache line.
     */
    final int[] hints = new int[HINT_OFFSET + 2 * CLASSES + HINT_OFFSET];

    /** For each size class, one past the highest slot ever used; written under the monitor. */
    private final int[] limits = new int[CLASSES];

    /** The bytes of all leases kept in this stripe, held or free; under the monitor. */
    private long keptBytes;

    /** The part of {@link #keptBytes} in each size class; under the monitor. */
    private final long[] classBytes = new long[CLASSES];

    /** The takes and returns of leases no longer kept, so that the sums stay whole. */
    private long pastAcquires;

    private long pastReturns;

    Stripe(long maxBytes) {
      this.maxBytes = maxBytes;
      for (int i = 0; i < CLASSES; i++) {
        slots[i] = new Lease[(int) Math.min(maxBytes / (MIN_CAPACITY << i), MAX_SLOTS)];
      }
    }

    /** A returned lease of class {@code index} for a new owner, or null. */
    Lease take(int index) {
      Lease[] row = slots[index];
      if (row.length == 0) {
        return null;
      }
      int hint = hints[HINT_OFFSET + index];
      Lease lease = row[hint];
      if (lease != null && lease.take()) {
        return lease;
      }
      // Then a few slots from a cursor that each such look moves on, not all of them: when every
      // lease is out, as under a burst, a full scan would cost a cache miss per slot on every
      // acquire. Successive acquires sweep the row together, so a burst still finds every free
      // lease. The cursor, like the hint, is written without synchronization: a lost update only
      // makes an acquire look at other slots.
      int limit = limits[index];
      int cursor = HINT_OFFSET + CLASSES + index;
      int slot = hints[cursor];
      // Only leases count as looks: empty slots cost no cache miss of their own.
      for (int looks = PROBES, steps = limit; looks > 0 && steps > 0; steps--) {
        slot = slot + 1 < limit ? slot + 1 : 0;
        lease = row[slot];
        if (lease != null) {
          if (lease.take()) {
            hints[cursor] = slot;
            return lease;
          }
          looks--;
        }
      }
      hints[cursor] = slot;
      return null;
    }

    /**
     * A new held lease of class {@code index} that this stripe keeps, or null if its share has no
     * room; with {@code evict}, idle leases of other classes make room first.
     */
    synchronized Lease register(BufferPool pool, int index, boolean evict) {
      int size = MIN_CAPACITY << index;
      // Room first: a full stripe answers at once, without the scan for a free slot. Room for one
      // more of this size means a free slot too, since the row holds the whole share.
      if (keptBytes + size > maxBytes && !(evict && makeRoom(size, index))) {
        return null;
      }
      Lease[] row = slots[index];
      int free = -1;
      for (int i = 0; i < row.length; i++) {
        if (row[i] == null) {
          free = i;
          break;
        }
      }
      if (free < 0) {
        return null; // only when the row was capped at MAX_SLOTS
      }
      Lease lease = new Lease(pool, new byte[size], index, this, free);
      row[free] = lease;
      limits[index] = Math.max(limits[index], free + 1);
      keptBytes += size;
      classBytes[index] += size;
      return lease;
    }

    /**
     * Evicts idle leases of classes other than {@code index} until {@code size} more fit, or none
     * if they cannot make that much room. Leases are first marked evicted, which keeps them from
     * acquires, and only removed once they add up to enough room; otherwise they are returned
     * again. Only this method, under the monitor, makes leases evicted, so every evicted lease in
     * the slots is one this call marked.
     */
    private boolean makeRoom(int size, int index) {
      long excess = keptBytes + size - maxBytes;
      if (keptBytes - classBytes[index] < excess) {
        return false; // even evicting every other lease would not make room
      }
      long freed = 0;
      for (int c = CLASSES - 1; c >= 0 && freed < excess; c--) {
        if (c == index) {
          continue;
        }
        Lease[] row = slots[c];
        for (int i = 0; i < limits[c] && freed < excess; i++) {
          Lease lease = row[i];
          if (lease != null && lease.evict()) {
            freed += lease.capacity();
          }
        }
      }
      boolean enough = freed >= excess;
      for (int c = 0; c < CLASSES; c++) {
        Lease[] row = slots[c];
        for (int i = 0; i < limits[c]; i++) {
          Lease lease = row[i];
          if (lease == null) {
            continue;
          }
          long word = lease.word();
          if (Lease.stateOf(word) != Lease.EVICTED) {
            continue;
          }
          if (enough) {
            long uses = Lease.usesOf(word);
            remove(lease, uses, uses);
          } else {
            lease.unevict(word);
          }
        }
      }
      return enough;
    }

    /** Stops keeping an abandoned lease, keeping its counts. */
    synchronized void forget(Lease lease, long acquires, long returns) {
      remove(lease, acquires, returns);
    }

    private void remove(Lease lease, long acquires, long returns) {
      Lease[] row = slots[lease.sizeClass];
      if (row[lease.slot] == lease) {
        row[lease.slot] = null;
        keptBytes -= lease.capacity();
        classBytes[lease.sizeClass] -= lease.capacity();
        pastAcquires += acquires;
        pastReturns += returns;
      }
    }

    /**
     * Adds this stripe's takes, returns and free bytes to {@code sums[0..2]}. Under the monitor,
     * so that no lease is counted both in a slot and in the past counts.
     */
    synchronized void addTo(long[] sums) {
      sums[0] += pastAcquires;
      sums[1] += pastReturns;
      for (int c = 0; c < CLASSES; c++) {
        Lease[] row = slots[c];
        for (int i = 0; i < limits[c]; i++) {
          Lease lease = row[i];
          if (lease == null) {
            continue;
          }
          long word = lease.word();
          long uses = Lease.usesOf(word);
          int state = Lease.stateOf(word);
          sums[0] += uses;
          switch (state) {
            case Lease.HELD, Lease.LENT, Lease.ABANDONED -> sums[1] += uses - 1;
            default -> {
              sums[1] += uses;
              sums[2] += lease.capacity();
            }
          }
        }
      }
    }
  }
}
