/**
 * Benchmarks of respool's {@link dev.respool.BufferPool} against other ways of reusing a {@code
 * byte[]}: Jetty's {@code ArrayByteBufferPool}, Netty's {@code PooledByteBufAllocator}, an {@code
 * ArrayBlockingQueue} of arrays, a {@code ThreadLocal} array, and a fresh array per use.
 *
 * <p>{@link dev.respool.bench.pool.PoolBenchmark} measures the cost of one acquire and release on
 * one and two threads with JMH. {@link dev.respool.bench.pool.VirtualThreadPoolRun} runs thousands
 * of virtual threads and measures the heap each alternative keeps afterwards. Both use the same
 * {@link dev.respool.bench.pool.BufferSource} for each {@link dev.respool.bench.pool.Alternative}.
 */
package dev.respool.bench.pool;
