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
 * returned. Drop every reference to a lease once it is released.
 */
public final class Lease {

  /** The states of a lease; see the class documentation. */
  public enum State {
    HELD,
    LENT,
    RETURNED,
    ABANDONED
  }

  private static final State[] STATES = State.values();
  private static final int HELD = 0;
  private static final int LENT = 1;
  private static final int RETURNED = 2;
  private static final int ABANDONED = 3;
  private static final VarHandle STATE;
  private static final VarHandle GENERATION;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Lease.class, "state", int.class);
      GENERATION = MethodHandles.lookup().findVarHandle(Lease.class, "generation", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The pooled array; its length is the capacity of the lease. */
  private final byte[] array;

  /** The pool this lease returns to. */
  private final BufferPool pool;

  /** Index of the pool's size class, or -1 for an array too large to keep. */
  final int sizeClass;

  /** How many times the pool handed this lease out again; tells one cycle from the next. */
  private volatile int generation;

  /** One of the state constants; changed only by compare-and-set. */
  @SuppressWarnings("unused")
  private volatile int state = HELD;

  Lease(BufferPool pool, byte[] array, int sizeClass) {
    this.pool = pool;
    this.array = array;
    this.sizeClass = sizeClass;
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
    return STATES[(int) STATE.getVolatile(this)];
  }

  /**
   * Marks the array as handed to a writer that may still read it.
   *
   * @throws IllegalStateException if the lease is not held
   */
  public void lend() {
    if (!STATE.compareAndSet(this, HELD, LENT)) {
      throw new IllegalStateException("Cannot lend a lease that is " + state());
    }
  }

  /**
   * Takes a lent array back after its release signal, so that its owner may write into it again.
   *
   * @throws IllegalStateException if the lease is not lent
   */
  public void reclaim() {
    if (!STATE.compareAndSet(this, LENT, HELD)) {
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
    if (STATE.compareAndSet(this, HELD, RETURNED) || STATE.compareAndSet(this, LENT, RETURNED)) {
      pool.recycle(this);
      return true;
    }
    return false;
  }

  /**
   * Drops the array for good: the pool never hands it out again. Use it when a writer may still
   * hold the array and will never say when it is done with it.
   *
   * @return {@code true} if this call abandoned the lease, {@code false} if it was already returned
   *     or abandoned
   */
  public boolean abandon() {
    if (STATE.compareAndSet(this, HELD, ABANDONED) || STATE.compareAndSet(this, LENT, ABANDONED)) {
      pool.abandoned(this);
      return true;
    }
    return false;
  }

  /**
   * Called by the pool when it hands this lease out again. Release stores are enough: the new
   * owner got the lease through the pool's lock, and passes it on to other threads only through
   * their own synchronization, which carries these writes along.
   */
  void reacquire() {
    GENERATION.setRelease(this, generation + 1);
    STATE.setRelease(this, HELD);
  }

  /**
   * How many times this lease object was handed out again after a return. A holder that kept the
   * number can tell whether the lease is still the one it was given.
   */
  public int generation() {
    return generation;
  }

  @Override
  public String toString() {
    return "Lease[byte[" + array.length + "]@" + Integer.toHexString(System.identityHashCode(array))
        + ", " + state() + "]";
  }
}
