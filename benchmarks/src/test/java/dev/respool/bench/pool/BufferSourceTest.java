package dev.respool.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Lease;
import dev.respool.PoolStats;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BufferSourceTest {

  private static final int SIZE = 32 * 1024;

  /** Room for four arrays in respool's pool and the queue. */
  private static final long BOUND = 4L * SIZE;

  @SuppressWarnings("unchecked")
  private static BufferSource<Object> create(Alternative alternative, int size, long bound) {
    return (BufferSource<Object>) alternative.create(size, bound);
  }

  @ParameterizedTest
  @EnumSource(Alternative.class)
  void handsOutARegionAtLeastAsLongAsAskedFor(Alternative alternative) {
    for (int size : new int[] {100, 8192, SIZE, 40_000}) {
      BufferSource<Object> source = create(alternative, size, BOUND);
      Object held = source.acquire(size);
      byte[] array = source.array(held);
      int offset = source.offset(held);

      assertThat(offset).as("%s offset for %d", alternative, size).isNotNegative();
      assertThat(array.length - offset)
          .as("%s room for %d", alternative, size)
          .isGreaterThan(size - 1);
      array[offset] = 1;
      array[offset + size - 1] = 2;
      source.release(held);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Alternative.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"ALLOCATE"})
  void reusesItsArraysOnOneThread(Alternative alternative) {
    BufferSource<Object> source = create(alternative, SIZE, BOUND);
    Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < 200; i++) {
      Object held = source.acquire(SIZE);
      arrays.add(source.array(held));
      source.release(held);
    }
    // The queue cycles through its four arrays; the others hand back the one just released.
    assertThat(arrays.size()).as(alternative.label()).isLessThanOrEqualTo(4);
  }

  @Test
  void allocationNeverReuses() {
    BufferSource<Object> source = create(Alternative.ALLOCATE, SIZE, BOUND);
    Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < 50; i++) {
      Object held = source.acquire(SIZE);
      arrays.add(source.array(held));
      source.release(held);
    }
    assertThat(arrays.size()).isEqualTo(50);
    assertThat(source.pooledBytes()).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = Alternative.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = {"THREAD_LOCAL"})
  void twoBuffersHeldAtOnceDoNotOverlap(Alternative alternative) {
    BufferSource<Object> source = create(alternative, SIZE, BOUND);
    List<Object> held = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      held.add(source.acquire(SIZE));
    }
    for (int i = 0; i < held.size(); i++) {
      for (int j = i + 1; j < held.size(); j++) {
        Object a = held.get(i);
        Object b = held.get(j);
        boolean sameArray = source.array(a) == source.array(b);
        boolean overlap = Math.abs(source.offset(a) - source.offset(b)) < SIZE;
        assertThat(sameArray && overlap)
            .as("%s buffers %d and %d", alternative, i, j)
            .isFalse();
      }
    }
    held.forEach(source::release);
  }

  @Test
  void threadLocalGivesOneThreadTheSameArrayEvenWhileItIsHeld() {
    BufferSource<Object> source = create(Alternative.THREAD_LOCAL, SIZE, BOUND);
    Object first = source.acquire(SIZE);
    Object second = source.acquire(SIZE);

    assertThat(source.array(second) == source.array(first)).as("same array").isTrue();
  }

  @Test
  void threadLocalKeepsOneArrayPerThread() throws Exception {
    BufferSource<Object> source = create(Alternative.THREAD_LOCAL, SIZE, BOUND);
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<Future<byte[]>> arrays = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        arrays.add(threads.submit(() -> {
          Object held = source.acquire(SIZE);
          source.release(held);
          Thread.sleep(100);
          return source.array(held);
        }));
      }
      Set<byte[]> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Future<byte[]> array : arrays) {
        distinct.add(array.get());
      }
      assertThat(distinct.size()).isEqualTo(3);
      assertThat(source.pooledBytes()).isEqualTo(3L * SIZE);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void respoolHitsOnceWarmAndKeepsNoMoreThanItsBound() {
    Sources.Respool source = (Sources.Respool) Alternative.RESPOOL.create(SIZE, BOUND);
    Lease first = source.acquire(SIZE);
    source.release(source.acquire(SIZE));
    source.release(first);
    for (int i = 0; i < 100; i++) {
      source.release(source.acquire(SIZE));
    }
    assertThat(source.pool().stats().hits()).isGreaterThanOrEqualTo(100);

    List<Lease> held = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      held.add(source.acquire(SIZE));
    }
    held.forEach(source::release);
    PoolStats stats = source.pool().stats();

    assertThat(stats.leasesOut()).isZero();
    assertThat(stats.pooledBytes()).isLessThanOrEqualTo(BOUND).isPositive();
    assertThat(source.pooledBytes()).isEqualTo(stats.pooledBytes());
    assertThat(source.bound()).isEqualTo(BOUND);
  }

  @Test
  void queueAllocatesWhenEmptyAndDropsWhenFull() {
    Sources.Queue source = (Sources.Queue) Alternative.ARRAY_BLOCKING_QUEUE.create(SIZE, BOUND);
    assertThat(source.queued()).isEqualTo(4);
    assertThat(source.bound()).isEqualTo(BOUND);

    List<byte[]> held = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      held.add(source.acquire(SIZE));
    }
    assertThat(source.queued()).isZero();
    held.forEach(source::release);

    assertThat(source.queued()).isEqualTo(4);
    assertThat(source.pooledBytes()).isEqualTo(BOUND);
  }

  @Test
  void jettyKeepsReleasedBuffersIdle() {
    Sources.Jetty source = (Sources.Jetty) Alternative.JETTY.create(SIZE, BOUND);
    List<RetainableByteBuffer> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(source.acquire(SIZE));
    }
    held.forEach(source::release);

    assertThat(source.pooledBytes()).isGreaterThanOrEqualTo(3L * SIZE);
  }

  @ParameterizedTest
  @EnumSource(
      value = Alternative.class,
      names = {"NETTY", "NETTY_THREAD_CACHE"})
  void nettyCountsItsChunks(Alternative alternative) {
    Sources.Netty source = (Sources.Netty) alternative.create(SIZE, BOUND);
    ByteBuf held = source.acquire(SIZE);

    assertThat(held.capacity()).isGreaterThanOrEqualTo(SIZE);
    assertThat(source.pooledBytes()).isGreaterThanOrEqualTo(SIZE);
    source.release(held);

    assertThat(held.refCnt()).isZero();
  }

  @Test
  void labelsNameEachAlternativeOnce() {
    for (Alternative alternative : Alternative.values()) {
      assertThat(Alternative.forLabel(alternative.label())).isSameAs(alternative);
      assertThat(Alternative.forLabel(alternative.label().toUpperCase())).isSameAs(alternative);
    }
    assertThat(Alternative.labels().split(",")).hasSize(Alternative.values().length);
  }
}
