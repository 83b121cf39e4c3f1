package dev.respool;

import static dev.respool.BufferPool.CLASSES;
import static dev.respool.BufferPool.HINT_OFFSET;
import static dev.respool.BufferPool.MAX_SLOTS;
import static dev.respool.BufferPool.MIN_CAPACITY;
import static dev.respool.BufferPool.PROBES;

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
final class Stripe {
  /** This stripe's share of the pool's bound. */
  private final long maxBytes;

  /** For each size class, the kept leases; null where a slot is free. */
  private final Lease[][] slots = new Lease[CLASSES][];

  /**
   * For each size class, from {@link BufferPool#HINT_OFFSET}, the slot released last; then, for
   * each class, the slot where the last look past the hint stopped. Padded, so that two stripes'
   * hints never share a cache line.
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
