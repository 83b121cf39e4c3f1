package dev.respool.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Counts the bytes of a received body that differ from the {@link DeterministicBody} it should be,
 * as the body streams in, without holding either in memory.
 *
 * <p>A count of zero with {@link #received()} equal to the length asked for means the body arrived
 * exactly. Not safe for use by several threads at once.
 */
public final class CorruptionCounter {

  private final DeterministicBody expected;
  private final long length;
  private byte[] scratch = new byte[0];
  private long received;
  private long corrupted;
  private long firstCorrupted = -1;

  /** Expects the body of {@code length} bytes from {@code seed}. */
  public CorruptionCounter(long length, long seed) {
    this.expected = new DeterministicBody(length, seed);
    this.length = length;
  }

  /** Compares the next {@code len} received bytes; bytes beyond the expected length all count. */
  public void update(byte[] bytes, int off, int len) {
    if (scratch.length < len) {
      scratch = new byte[len];
    }
    int comparable = (int) Math.max(0, Math.min(len, length - received));
    try {
      expected.readNBytes(scratch, 0, comparable);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < len; i++) {
      if (i >= comparable || bytes[off + i] != scratch[i]) {
        if (firstCorrupted < 0) {
          firstCorrupted = received + i;
        }
        corrupted++;
      }
    }
    received += len;
  }

  /** The bytes received so far. */
  public long received() {
    return received;
  }

  /** The bytes received so far that differ from the expected body. */
  public long corrupted() {
    return corrupted;
  }

  /** The offset of the first corrupted byte, or -1 if none. */
  public long firstCorrupted() {
    return firstCorrupted;
  }

  /** Whether the whole body arrived and matched. */
  public boolean exact() {
    return corrupted == 0 && received == length;
  }

  @Override
  public String toString() {
    return received
        + " of "
        + length
        + " bytes received, "
        + corrupted
        + " corrupted"
        + (firstCorrupted >= 0 ? " (first at " + firstCorrupted + ")" : "");
  }
}
