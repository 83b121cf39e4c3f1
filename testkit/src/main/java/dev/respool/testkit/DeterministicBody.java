package dev.respool.testkit;

import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A response body of any length, from 0 bytes to several GiB, computed from a seed as it is read
 * and never held in memory whole. Two bodies with the same length and seed have the same bytes, so
 * a client can check what it received against a digest sent ahead of the body.
 *
 * <p>The bytes come from the SplitMix64 generator. Starting with {@code state = seed}, each 8-byte
 * block is made by:
 *
 * <pre>{@code
 * state += 0x9E3779B97F4A7C15L;
 * z = state;
 * z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
 * z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
 * z ^= z >>> 31;
 * }</pre>
 *
 * <p>and emitted as 8 bytes, least significant byte first. The body of length {@code n} is the
 * first {@code n} bytes of that stream; a length that is not a multiple of 8 ends partway through
 * a block. Since block {@code k} (from 0) depends only on the state {@code seed + (k + 1) *
 * 0x9E3779B97F4A7C15L}, {@link #skip(long)} costs nothing and any position can be read directly.
 *
 * <p>Instances are not safe for use by several threads at once.
 */
public final class DeterministicBody extends InputStream {

  /** The SplitMix64 increment, added to the state before each block. */
  static final long GAMMA = 0x9E3779B97F4A7C15L;

  /** Writes a long as 8 little-endian bytes at any offset of a byte array, in one access. */
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The buffer size used to hash a body without holding it. */
  private static final int DIGEST_CHUNK = 64 * 1024;

  private final long length;
  private final long seed;
  /** Bytes already read or skipped. */
  private long position;
  /** The position {@link #reset()} returns to. */
  private long mark;

  /**
   * Creates a body.
   *
   * @param length the number of bytes the body holds, 0 or more
   * @param seed any long; it selects which bytes the body holds
   * @throws IllegalArgumentException if {@code length} is negative
   */
  public DeterministicBody(long length, long seed) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be 0 or more, got " + length);
    }
    this.length = length;
    this.seed = seed;
  }

  /** The number of bytes the whole body holds. */
  public long length() {
    return length;
  }

  /** The seed the bytes are computed from. */
  public long seed() {
    return seed;
  }

  /**
   * Computes the SHA-256 digest of the body of {@code length} bytes from {@code seed}, reading it
   * through a small buffer. A 1 GiB body takes a few seconds; see {@link ReprDigest#forBody} for a
   * cached variant.
   *
   * @return the 32-byte digest
   */
  public static byte[] sha256(long length, long seed) {
    MessageDigest digest = newSha256();
    DeterministicBody body = new DeterministicBody(length, seed);
    byte[] chunk = new byte[(int) Math.min(DIGEST_CHUNK, Math.max(length, 1))];
    for (int n = body.read(chunk, 0, chunk.length); n > 0; n = body.read(chunk, 0, chunk.length)) {
      digest.update(chunk, 0, n);
    }
    return digest.digest();
  }

  @Override
  public int read() {
    if (position >= length) {
      return -1;
    }
    long block = block(seed, position >>> 3);
    int shift = (int) (position & 7) * 8;
    position++;
    return (int) (block >>> shift) & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    long remaining = length - position;
    if (remaining <= 0) {
      return -1;
    }
    int n = (int) Math.min(len, remaining);
    int i = off;
    int end = off + n;
    long index = position >>> 3;

    // Finish the block a previous read stopped inside.
    int used = (int) (position & 7);
    if (used != 0) {
      long z = block(seed, index) >>> (used * 8);
      int take = Math.min(8 - used, n);
      for (int k = 0; k < take; k++, z >>>= 8) {
        b[i++] = (byte) z;
      }
      index++;
    }

    // Whole blocks: one mix and one 8-byte store each.
    long state = seed + index * GAMMA;
    while (end - i >= 8) {
      state += GAMMA;
      LONG_LE.set(b, i, mix(state));
      i += 8;
    }

    // Start of a block the next read will finish.
    if (i < end) {
      long z = mix(state + GAMMA);
      for (; i < end; z >>>= 8) {
        b[i++] = (byte) z;
      }
    }

    position += n;
    return n;
  }

  /** Skips up to {@code n} bytes without computing them. */
  @Override
  public long skip(long n) {
    if (n <= 0) {
      return 0;
    }
    long skipped = Math.min(n, length - position);
    position += skipped;
    return skipped;
  }

  /** The bytes left, or {@link Integer#MAX_VALUE} if more are left than that. */
  @Override
  public int available() {
    return (int) Math.min(length - position, Integer.MAX_VALUE);
  }

  /** Always true: any position can be returned to. */
  @Override
  public boolean markSupported() {
    return true;
  }

  /** Remembers the position; {@code readLimit} is ignored, since nothing is buffered. */
  @Override
  public void mark(int readLimit) {
    mark = position;
  }

  /** Returns to the position of the last {@link #mark}, or to the start. */
  @Override
  public void reset() {
    position = mark;
  }

  /** Block {@code index} (from 0) of the stream from {@code seed}. */
  static long block(long seed, long index) {
    return mix(seed + (index + 1) * GAMMA);
  }

  /** The SplitMix64 output function. */
  static long mix(long state) {
    long z = state;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
