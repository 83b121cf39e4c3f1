package dev.respool.bench.copy;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * An output stream that reads every byte written to it and keeps nothing, for copy benchmarks.
 *
 * <p>A sink that ignored its bytes would let a copy that never fills its array look as fast as one
 * that does, and would leave the data cold in the cache where a real destination (a socket, a
 * cipher, a compressor) reads it. This sink adds every byte to a running sum instead, eight at a
 * time as little-endian longs (the few bytes left at the end of a write one at a time), and {@link
 * #touched()} reports the sum, so a benchmark that consumes
 * it keeps the JIT compiler from dropping the reads. The sum depends on how the bytes were split
 * into writes; it is a cheap way to read them, not a checksum.
 *
 * <p>A {@linkplain #recording() recording} sink also keeps a CRC-32 of everything written, for
 * tests that check a copy delivered exactly the source's bytes; benchmarks use the plain one.
 *
 * <p>Instances are not safe for use by several threads at once.
 */
public final class TouchingSink extends OutputStream {

  /** Reads eight bytes of an array at any offset as one little-endian long. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The CRC-32 of the bytes written, in a recording sink; null otherwise. */
  private final CRC32 crc;

  private long touched;
  private long count;

  /** Creates a sink that reads its bytes and records nothing. */
  public TouchingSink() {
    this(null);
  }

  private TouchingSink(CRC32 crc) {
    this.crc = crc;
  }

  /**
   * Creates a sink that also keeps a CRC-32 of the bytes written to it.
   *
   * @return a recording sink
   */
  public static TouchingSink recording() {
    return new TouchingSink(new CRC32());
  }

  @Override
  public void write(int b) {
    touched += (byte) b;
    count++;
    if (crc != null) {
      crc.update(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    // Four independent sums, so that the additions do not wait on one another.
    long s0 = touched;
    long s1 = 0;
    long s2 = 0;
    long s3 = 0;
    int i = off;
    int end = off + len;
    for (; i <= end - 4 * Long.BYTES; i += 4 * Long.BYTES) {
      s0 += (long) LONGS.get(b, i);
      s1 += (long) LONGS.get(b, i + Long.BYTES);
      s2 += (long) LONGS.get(b, i + 2 * Long.BYTES);
      s3 += (long) LONGS.get(b, i + 3 * Long.BYTES);
    }
    for (; i <= end - Long.BYTES; i += Long.BYTES) {
      s0 += (long) LONGS.get(b, i);
    }
    for (; i < end; i++) {
      s0 += b[i];
    }
    touched = s0 + s1 + s2 + s3;
    count += len;
    if (crc != null) {
      crc.update(b, off, len);
    }
  }

  /**
   * The running sum of the bytes written since the sink was made or {@linkplain #reset() reset}.
   *
   * @return the sum, as defined in the class description
   */
  public long touched() {
    return touched;
  }

  /**
   * The number of bytes written since the sink was made or {@linkplain #reset() reset}.
   *
   * @return the byte count
   */
  public long count() {
    return count;
  }

  /**
   * The CRC-32 of the bytes written since the sink was made or {@linkplain #reset() reset}.
   *
   * @return the CRC-32 value
   * @throws IllegalStateException if the sink is not a {@linkplain #recording() recording} one
   */
  public long crc() {
    if (crc == null) {
      throw new IllegalStateException("not a recording sink");
    }
    return crc.getValue();
  }

  /** Forgets the bytes written so far: the sum, the count and any CRC-32 start over. */
  public void reset() {
    touched = 0;
    count = 0;
    if (crc != null) {
      crc.reset();
    }
  }
}
