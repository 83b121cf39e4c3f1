package dev.respool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The ownership of one pooled array.
 *
 * <p>A lease is in one of four states:
 *
 * <ul>
 *   <li>{@link State#HELD held}: its owner may read and write the array;
 *   <li>{@link State#LENT lent}: the array was handed to a writer whose completion is still
 *       pending; nobody may write into it until a release signal arrives;
 *   <li>{@link State#RETURNED returned}: back with the pool, which may hand it out again;
 *   <li>{@link State#ABANDONED abandoned}: dropped and never reused, because the writer failed or
 *       never said it was done with the array.
 * </ul>
 *
 * <p>Returned and abandoned are final for the current owner. Transitions are atomic, so of two
 * threads racing to release or abandon the same lease exactly one wins, and a lease never goes
 * back to the pool twice.
 *
 * <p>A lease object travels with its array: the pool hands the same object out again after it was
 * returned. Drop every reference to a lease once it is released: a second release through a kept
 * reference, after the pool handed the lease to a new owner, would return the new owner's array.
 * {@link #generation()} tells a holder whether the lease is still the one it was given.
 */
public final class Lease {

  /** The states of a lease; see the class documentation. */
  public enum State {
    HELD,
    LENT,
    RETURNED,
    ABANDONED
  }

  // The low three bits of the word hold one of these; the bits above count the times the pool
  // handed the lease out again, so that one cycle can be told from the next.
  static final int HELD = 0;
  static final int LENT = 1;
  static final int RETURNED = 2;
  static final int ABANDONED = 3;
  /** Released, and being overwritten with poison; the pool hands it out once that is done. */
  static final int POISONING = 4;
  /** Taken out of the pool for good, to make room for an array of another size. */
  static final int EVICTED = 5;

  private static final int STATE_BITS = 3;
  private static final long STATE_MASK = (1 << STATE_BITS) - 1;
  private static final long ONE_GENERATION = 1L << STATE_BITS;
  private static final State[] STATES = {
    State.HELD, State.LENT, State.RETURNED, State.ABANDONED, State.RETURNED, State.RETURNED
  };
  private static final VarHandle WORD;

  static {
    try {
      WORD = MethodHandles.lookup().findVarHandle(Lease.class, "word", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The pooled array; its length is the capacity of the lease. */
  private final byte[] array;

  /** The pool this lease returns to. */
  final BufferPool pool;

  /** Index of the pool's size class, or -1 for an array too large to keep. */
  final int sizeClass;

  /** The pool's part that keeps this lease between uses, or null if the pool does not keep it. */
  final Stripe stripe;

  /** The lease's place in its stripe, or -1. */
  final int slot;

  /** The state in the low bits and the generation above; changed only by compare-and-set. */
  @SuppressWarnings("unused")
  private volatile long word;

  Lease(BufferPool pool, byte[] array, int sizeClass, Stripe stripe, int slot) {
    this.pool = pool;
    this.array = array;
    this.sizeClass = sizeClass;
    this.stripe = stripe;
    this.slot = slot;
  }

  /** The array. Write into it only while the lease is held. */
  public byte[] array() {
    return array;
  }

  /** The length of the array. */
  public int capacity() {
    return array.length;
  }

  /** The current state. */
  public State state() {
    return STATES[(int) (word() & STATE_MASK)];
  }

  /**
   * Marks the array as handed to a writer that may still read it.
   *
   * @throws IllegalStateException if the lease is not held
   */
  public void lend() {
    if (!move(HELD, LENT)) {
      throw new IllegalStateException("Cannot lend a lease that is " + state());
    }
  }

  /**
   * Takes a lent array back after its release signal, so that its owner may write into it again.
   *
   * @throws IllegalStateException if the lease is not lent
   */
  public void reclaim() {
    if (!move(LENT, HELD)) {
      throw new IllegalStateException("Cannot reclaim a lease that is " + state());
    }
  }

  /**
   * Gives the array back to the pool. Call it only when no writer can read the array any more: it
   * is held, or its release signal arrived.
   *
   * @return {@code true} if this call returned the lease, {@code false} if it was already returned
   *     or abandoned
   */
  public boolean release() {
    // A poisoning pool overwrites the array before anyone may take it again.
    int next = pool.poisons() && stripe != null ? POISONING : RETURNED;
    long before = end(next);
    if (before == -1) {
      return false;
    }
    pool.recycle(this, before);
    return true;
  }

  /**
   * Drops the array for good: the pool never hands it out again. Use it when a writer may still
   * hold the array and will never say when it is done with it.
   *
   * @return {@code true} if this call abandoned the lease, {@code false} if it was already returned
   *     or abandoned
   */
  public boolean abandon() {
    long before = end(ABANDONED);
    if (before == -1) {
      return false;
    }
    pool.abandoned(this, before);
    return true;
  }

  /**
   * How many times this lease object was handed out again after a return. A holder that kept the
   * number can tell whether the lease is still the one it was given.
   */
  public int generation() {
    return (int) (word() >>> STATE_BITS);
  }

  /**
   * Moves a held or lent lease to {@code next}; returns the word before, or -1 if neither. No word
   * is -1, since no state has all three low bits set; a word may be negative once the generation
   * reaches its top bit.
   */
  private long end(int next) {
    while (true) {
      long current = word();
      long state = current & STATE_MASK;
      if (state != HELD && state != LENT) {
        return -1;
      }
      // Retried only when the owner lent or reclaimed the lease meanwhile.
      if (WORD.compareAndSet(this, current, (current & ~STATE_MASK) | next)) {
        return current;
      }
    }
  }

  private boolean move(int from, int to) {
    long current = word();
    return (current & STATE_MASK) == from
        && WORD.compareAndSet(this, current, (current & ~STATE_MASK) | to);
  }

  /**
   * Takes a returned lease for a new owner, counting one more generation. Of threads racing for
   * the same lease, exactly one succeeds.
   */
  boolean take() {
    long current = word();
    return (current & STATE_MASK) == RETURNED
        && WORD.compareAndSet(this, current, current + ONE_GENERATION - RETURNED + HELD);
  }

  /** Takes a returned lease out of the pool for good. */
  boolean evict() {
    long current = word();
    return (current & STATE_MASK) == RETURNED
        && WORD.compareAndSet(this, current, (current & ~STATE_MASK) | EVICTED);
  }

  /**
   * Gives back an idle lease that {@link #evict()} took, when the eviction made too little room.
   * Nothing else moves a lease out of the evicted state, so a store does, without a
   * compare-and-set.
   */
  void unevict(long evicted) {
    WORD.setRelease(this, (evicted & ~STATE_MASK) | RETURNED);
  }

  /** Ends the poisoning that {@link #release()} began: the pool may hand the lease out again. */
  void poisoned(long before) {
    WORD.setRelease(this, (before & ~STATE_MASK) | RETURNED);
  }

  long word() {
    return (long) WORD.getVolatile(this);
  }

  /** The internal state of a word, one of the constants above. */
  static int stateOf(long word) {
    return (int) (word & STATE_MASK);
  }

  /** How many owners a lease with this word has had: the first and each generation after. */
  static long usesOf(long word) {
    return (word >>> STATE_BITS) + 1;
  }

  @Override
  public String toString() {
    return "Lease[byte[" + array.length + "]@" + Integer.toHexString(System.identityHashCode(array))
        + ", " + state() + "]";
  }
}
