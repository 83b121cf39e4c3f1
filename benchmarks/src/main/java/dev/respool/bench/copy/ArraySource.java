package dev.respool.bench.copy;

import java.io.InputStream;
import java.util.Objects;
import java.util.Random;

/**
 * An input stream over a byte array that it fills once, for copy benchmarks.
 *
 * <p>Unlike {@link java.io.ByteArrayInputStream}, it inherits {@link InputStream#transferTo}, so a
 * copy through {@code transferTo} goes through {@link #read(byte[], int, int)} like every other
 * copy instead of handing its whole array to the destination in one write. Each read is one
 * {@link System#arraycopy}. {@link #rewind()} starts it over at no cost, so one source serves every
 * invocation of a benchmark.
 *
 * <p>Instances are not safe for use by several threads at once.
 */
public final class ArraySource extends InputStream {

  private final byte[] bytes;
  private int position;

  /**
   * Creates a source of the given bytes; the array is used as it is, not copied.
   *
   * @param bytes the bytes the source yields, from first to last
   */
  public ArraySource(byte[] bytes) {
    this.bytes = Objects.requireNonNull(bytes, "bytes");
  }

  /**
   * Creates a source of {@code size} bytes from {@link Random} with the given seed, so that runs
   * with the same seed copy the same bytes.
   *
   * @param size the number of bytes
   * @param seed the seed of the generator
   * @return a source at its start
   */
  public static ArraySource random(int size, long seed) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be 0 or more, was " + size);
    }
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return new ArraySource(bytes);
  }

  /** Goes back to the first byte. */
  public void rewind() {
    position = 0;
  }

  /**
   * The array the source reads from, itself and not a copy; the benchmark's reference copy reads
   * it directly. Do not change it.
   *
   * @return the backing array
   */
  public byte[] bytes() {
    return bytes;
  }

  /**
   * The number of bytes the source yields from its start.
   *
   * @return the length of the backing array
   */
  public int size() {
    return bytes.length;
  }

  @Override
  public int read() {
    return position < bytes.length ? bytes[position++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    int remaining = bytes.length - position;
    if (remaining == 0) {
      return -1;
    }
    int n = Math.min(len, remaining);
    System.arraycopy(bytes, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public long skip(long n) {
    long skipped = Math.max(0, Math.min(n, bytes.length - position));
    position += (int) skipped;
    return skipped;
  }

  @Override
  public int available() {
    return bytes.length - position;
  }
}
