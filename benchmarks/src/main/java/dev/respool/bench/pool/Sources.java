package dev.respool.bench.pool;

import dev.respool.BufferPool;
import dev.respool.Lease;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;

/** The {@link BufferSource} of each {@link Alternative}. */
final class Sources {

  private Sources() {}

  /** respool's {@link BufferPool}: shared size classes under one bound, nothing per thread. */
  static final class Respool implements BufferSource<Lease> {
    private final BufferPool pool;
    private final long bound;

    Respool(long bound) {
      this.pool = new BufferPool(bound, false);
      this.bound = bound;
    }

    BufferPool pool() {
      return pool;
    }

    @Override
    public Lease acquire(int size) {
      return pool.acquire(size);
    }

    @Override
    public byte[] array(Lease held) {
      return held.array();
    }

    @Override
    public int offset(Lease held) {
      return 0;
    }

    @Override
    public void release(Lease held) {
      held.release();
    }

    @Override
    public long pooledBytes() {
      return pool.stats().pooledBytes();
    }

    @Override
    public long bound() {
      return bound;
    }
  }

  /**
   * Jetty's {@link ArrayByteBufferPool} with its default settings, heap buffers only. Its default
   * bound on idle heap memory is an eighth of the maximum heap; {@link #pooledBytes()} counts idle
   * buffers only.
   */
  static final class Jetty implements BufferSource<RetainableByteBuffer> {
    private final ArrayByteBufferPool pool = new ArrayByteBufferPool();

    ArrayByteBufferPool pool() {
      return pool;
    }

    @Override
    public RetainableByteBuffer acquire(int size) {
      return pool.acquire(size, false);
    }

    @Override
    public byte[] array(RetainableByteBuffer held) {
      return held.getByteBuffer().array();
    }

    @Override
    public int offset(RetainableByteBuffer held) {
      return held.getByteBuffer().arrayOffset();
    }

    @Override
    public void release(RetainableByteBuffer held) {
      held.release();
    }

    @Override
    public long pooledBytes() {
      return pool.getHeapMemory();
    }

    @Override
    public long bound() {
      return -1;
    }
  }

  /**
   * A dedicated Netty {@link PooledByteBufAllocator}, heap buffers only. A buffer is a region of a
   * chunk array of several MiB. {@link #pooledBytes()} counts the chunks the heap arenas hold,
   * whether their regions are out or idle.
   */
  static final class Netty implements BufferSource<ByteBuf> {
    private final PooledByteBufAllocator allocator;

    /**
     * @param cacheForAllThreads whether every thread gets its own cache of freed regions; Netty's
     *     default gives one only to Netty's own threads
     */
    Netty(boolean cacheForAllThreads) {
      this.allocator = cacheForAllThreads
          ? new PooledByteBufAllocator(
              false,
              PooledByteBufAllocator.defaultNumHeapArena(),
              0,
              PooledByteBufAllocator.defaultPageSize(),
              PooledByteBufAllocator.defaultMaxOrder(),
              PooledByteBufAllocator.defaultSmallCacheSize(),
              PooledByteBufAllocator.defaultNormalCacheSize(),
              true)
          : new PooledByteBufAllocator(false);
    }

    PooledByteBufAllocator allocator() {
      return allocator;
    }

    @Override
    public ByteBuf acquire(int size) {
      return allocator.heapBuffer(size, size);
    }

    @Override
    public byte[] array(ByteBuf held) {
      return held.array();
    }

    @Override
    public int offset(ByteBuf held) {
      return held.arrayOffset();
    }

    @Override
    public void release(ByteBuf held) {
      held.release();
    }

    @Override
    public long pooledBytes() {
      return allocator.metric().usedHeapMemory();
    }

    @Override
    public long bound() {
      return -1;
    }
  }

  /** A source whose buffer is a plain array, used whole. */
  abstract static class WholeArray implements BufferSource<byte[]> {
    @Override
    public byte[] array(byte[] held) {
      return held;
    }

    @Override
    public int offset(byte[] held) {
      return 0;
    }
  }

  /**
   * An {@link ArrayBlockingQueue} of arrays, filled up front: take one, or allocate one when the
   * queue is empty; offer it back, and drop it when the queue is full.
   */
  static final class Queue extends WholeArray {
    private final ArrayBlockingQueue<byte[]> queue;
    private final int size;
    private final int capacity;

    /**
     * @param size the length of the arrays kept
     * @param bound the bytes to keep; the queue holds {@code bound / size} arrays, at least one
     */
    Queue(int size, long bound) {
      this.size = size;
      this.capacity = (int) Math.max(1, Math.min(bound / size, 1 << 20));
      this.queue = new ArrayBlockingQueue<>(capacity);
      for (int i = 0; i < capacity; i++) {
        queue.offer(new byte[size]);
      }
    }

    int queued() {
      return queue.size();
    }

    @Override
    public byte[] acquire(int minSize) {
      byte[] array = queue.poll();
      if (array == null || array.length < minSize) {
        return new byte[Math.max(minSize, size)];
      }
      return array;
    }

    @Override
    public void release(byte[] held) {
      queue.offer(held);
    }

    @Override
    public long pooledBytes() {
      return (long) queue.size() * size;
    }

    @Override
    public long bound() {
      return (long) capacity * size;
    }
  }

  /**
   * One array per thread in a {@link ThreadLocal}, replaced when too small and kept for the life of
   * the thread. {@link #pooledBytes()} adds up the arrays made, which every live thread keeps.
   */
  static final class PerThread extends WholeArray {
    private final ThreadLocal<byte[]> local = new ThreadLocal<>();
    private final LongAdder madeBytes = new LongAdder();

    @Override
    public byte[] acquire(int size) {
      byte[] array = local.get();
      if (array == null || array.length < size) {
        if (array != null) {
          madeBytes.add(-array.length);
        }
        array = new byte[size];
        local.set(array);
        madeBytes.add(size);
      }
      return array;
    }

    @Override
    public void release(byte[] held) {
      // The array stays with the thread.
    }

    @Override
    public long pooledBytes() {
      return madeBytes.sum();
    }

    @Override
    public long bound() {
      return -1;
    }
  }

  /** A fresh array for every use, left to the garbage collector: the reference point. */
  static final class Allocate extends WholeArray {
    @Override
    public byte[] acquire(int size) {
      return new byte[size];
    }

    @Override
    public void release(byte[] held) {
      // Nothing to give back.
    }

    @Override
    public long pooledBytes() {
      return 0;
    }

    @Override
    public long bound() {
      return 0;
    }
  }
}
