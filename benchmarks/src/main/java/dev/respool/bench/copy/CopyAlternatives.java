package dev.respool.bench.copy;

import com.google.common.io.ByteStreams;
import dev.respool.BufferPool;
import dev.respool.Copier;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import okio.Okio;
import org.apache.commons.io.IOUtils;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;

/**
 * The ways of copying an {@link InputStream} into an {@link OutputStream} that the copy benchmark
 * compares, each written the way its library is meant to be used.
 *
 * <p>An instance holds the pools the pooled copies take their arrays from: respool's {@link
 * BufferPool}, Jetty's {@link ArrayByteBufferPool} and Netty's {@link PooledByteBufAllocator}, each
 * with its default settings. Like a server's pools they are made once and shared, and they are
 * safe for use by several threads at once. Every copy reads {@code in} to its end, closes neither
 * stream and returns the number of bytes copied.
 *
 * <p>The benchmark calls these methods, and the tests call the benchmark, so what is measured is
 * what is checked.
 */
public final class CopyAlternatives {

  /** The array of {@link #newArray32k}, allocated afresh for each copy: Go's io.Copy size. */
  public static final int NEW_ARRAY_CHUNK = 32 * 1024;

  /**
   * The array of {@link #threadLocal8k}: the 8 KiB that Commons IO and Guava use, as does {@link
   * InputStream#transferTo} on Java 17.
   */
  public static final int THREAD_LOCAL_CHUNK = 8 * 1024;

  /**
   * The buffer {@link #jettyPool} asks Jetty for: 8 KiB. Jetty's default pool has a bucket every 4
   * KiB up to 64 KiB, so 8 KiB and 32 KiB buffers (the size of Jetty's own output buffers) are both
   * pooled. In short runs of this benchmark 8 KiB was faster than 32 KiB at every size, by 4 to 16
   * percent, and the plain loop of {@link ChunkSizeBenchmark} is also faster at 8 KiB than at 32
   * KiB: a smaller array is likelier to stay in the first-level cache with the bytes passing
   * through it.
   */
  public static final int JETTY_CHUNK = 8 * 1024;

  /**
   * The buffer {@link #nettyPooled} asks Netty for: 8 KiB, which in short runs was faster than 32
   * KiB at every size, by 5 to 28 percent, as with {@link #JETTY_CHUNK}.
   *
   * <p>The allocator has Netty's default settings, under which only Netty's own threads keep a
   * per-thread cache of buffers and recycle the {@link ByteBuf} objects; on any other thread, such
   * as a servlet container's or the benchmark's, each buffer comes from a shared arena in a new
   * {@code ByteBuf} of about a hundred bytes. Turning the per-thread cache on for all threads
   * allocated more per copy, not less, and was not clearly faster.
   */
  public static final int NETTY_CHUNK = 8 * 1024;

  /** The scratch array of {@link #arraycopyReference}, as large as most copies' arrays. */
  public static final int REFERENCE_CHUNK = 8 * 1024;

  private static final ThreadLocal<byte[]> THREAD_ARRAY =
      ThreadLocal.withInitial(() -> new byte[THREAD_LOCAL_CHUNK]);

  private final BufferPool pool = new BufferPool();
  private final Copier copier = new Copier(pool);
  private final ArrayByteBufferPool jetty = new ArrayByteBufferPool();
  private final PooledByteBufAllocator netty = new PooledByteBufAllocator(false);

  /** Creates the alternatives, with empty pools of the default settings. */
  public CopyAlternatives() {}

  /**
   * respool: a {@link Copier} on the shared {@link BufferPool}, without a length hint, so its lease
   * is a 16 KiB array.
   *
   * @param in the source
   * @param out the destination
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public long respool(InputStream in, OutputStream out) throws IOException {
    return copier.copy(in, out);
  }

  /**
   * respool with the length known ahead: the lease is sized for {@code length} bytes, from 4 KiB
   * up to 16 KiB.
   *
   * @param in the source
   * @param out the destination
   * @param length the number of bytes {@code in} holds
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public long respoolSized(InputStream in, OutputStream out, long length) throws IOException {
    return copier.copy(in, out, length);
  }

  /**
   * The JDK's {@link InputStream#transferTo}, which allocates an array for each copy: 8 KiB on
   * Java 17, 16 KiB on Java 25.
   *
   * @param in the source
   * @param out the destination
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public long transferTo(InputStream in, OutputStream out) throws IOException {
    return in.transferTo(out);
  }

  /**
   * Commons IO's {@link IOUtils#copy(InputStream, OutputStream)}, which allocates an 8 KiB array
   * for each copy.
   *
   * @param in the source
   * @param out the destination
   * @return the number of bytes copied; this method counts beyond 2 GiB - 1, where Commons IO
   *     returns -1
   * @throws IOException if reading or writing fails
   */
  public long commonsIo(InputStream in, OutputStream out) throws IOException {
    return IOUtils.copy(in, out);
  }

  /**
   * Guava's {@link ByteStreams#copy(InputStream, OutputStream)}, which allocates an 8 KiB array for
   * each copy.
   *
   * @param in the source
   * @param out the destination
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public long guava(InputStream in, OutputStream out) throws IOException {
    return ByteStreams.copy(in, out);
  }

  /**
   * A copy loop over a fresh array of {@value #NEW_ARRAY_CHUNK} bytes: what respool does without a
   * pool.
   *
   * @param in the source
   * @param out the destination
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public long newArray32k(InputStream in, OutputStream out) throws IOException {
    byte[] array = new byte[NEW_ARRAY_CHUNK];
    return loop(in, out, array, 0, array.length);
  }

  /**
   * A copy loop over a {@value #THREAD_LOCAL_CHUNK}-byte array kept in a {@link ThreadLocal}: no
   * allocation and no pool, but one array per thread for the life of the thread, and unsafe when
   * the destination keeps the array after {@code write} returns.
   *
   * @param in the source
   * @param out the destination
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public long threadLocal8k(InputStream in, OutputStream out) throws IOException {
    byte[] array = THREAD_ARRAY.get();
    return loop(in, out, array, 0, array.length);
  }

  /**
   * A copy loop over a {@value #JETTY_CHUNK}-byte heap buffer from Jetty's {@link
   * ArrayByteBufferPool}, through its backing array, released when the copy ends.
   *
   * @param in the source
   * @param out the destination
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public long jettyPool(InputStream in, OutputStream out) throws IOException {
    RetainableByteBuffer buffer = jetty.acquire(JETTY_CHUNK, false);
    try {
      ByteBuffer bytes = buffer.getByteBuffer();
      return loop(in, out, bytes.array(), bytes.arrayOffset(), JETTY_CHUNK);
    } finally {
      buffer.release();
    }
  }

  /**
   * A copy loop over a {@value #NETTY_CHUNK}-byte heap buffer from Netty's {@link
   * PooledByteBufAllocator}, through its backing array (a slice of a larger pooled array, hence
   * the offset), released when the copy ends.
   *
   * @param in the source
   * @param out the destination
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public long nettyPooled(InputStream in, OutputStream out) throws IOException {
    ByteBuf buffer = netty.heapBuffer(NETTY_CHUNK);
    try {
      return loop(in, out, buffer.array(), buffer.arrayOffset(), NETTY_CHUNK);
    } finally {
      buffer.release();
    }
  }

  /**
   * Okio: the source read into Okio's buffer and written to the sink with {@link
   * okio.BufferedSource#readAll}. The data moves in Okio's own pooled 8 KiB segments; the wrappers
   * around the two streams are made for each copy, as they would be in an application.
   *
   * @param in the source
   * @param out the destination
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public long okio(InputStream in, OutputStream out) throws IOException {
    return Okio.buffer(Okio.source(in)).readAll(Okio.sink(out));
  }

  /**
   * Not a stream copy but the limit for one: the source's bytes copied straight from its backing
   * array with {@link System#arraycopy} into {@code scratch}, a chunk at a time, each chunk written
   * to the sink. It skips the source's {@code read} and leaves the source's position alone.
   *
   * @param source the source, whose backing array is read
   * @param scratch the array each chunk goes through; its length is the chunk size
   * @param sink the destination
   * @return the number of bytes copied
   */
  public static long arraycopyReference(ArraySource source, byte[] scratch, TouchingSink sink) {
    byte[] from = source.bytes();
    int chunk = scratch.length;
    for (int offset = 0; offset < from.length; offset += chunk) {
      int n = Math.min(chunk, from.length - offset);
      System.arraycopy(from, offset, scratch, 0, n);
      sink.write(scratch, 0, n);
    }
    return from.length;
  }

  /**
   * The plain copy loop: reads into {@code length} bytes of {@code array} from {@code offset} and
   * writes what was read, until the end of {@code in}.
   *
   * @param in the source
   * @param out the destination
   * @param array the array the bytes go through
   * @param offset where the usable part of {@code array} starts
   * @param length the size of the usable part, at least 1
   * @return the number of bytes copied
   * @throws IOException if reading or writing fails
   */
  public static long loop(InputStream in, OutputStream out, byte[] array, int offset, int length)
      throws IOException {
    if (length <= 0) {
      throw new IllegalArgumentException("length must be at least 1, was " + length);
    }
    long total = 0;
    int n;
    while ((n = in.read(array, offset, length)) >= 0) {
      out.write(array, offset, n);
      total += n;
    }
    return total;
  }
}
