package dev.respool.internal;

import dev.respool.Lease;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The copy loop shared by the copier and the guarded stream. */
public final class Pump {

  /** The lease size for a copy of unknown length, and the largest one a copy asks for. */
  public static final int CHUNK_SIZE = 32 * 1024;

  private Pump() {}

  /** The lease size for a copy of {@code length} bytes, or of unknown length when negative. */
  public static int leaseSize(long length) {
    return length < 0 || length > CHUNK_SIZE ? CHUNK_SIZE : (int) length;
  }

  /**
   * Copies {@code in} to {@code out} through the held {@code lease}, with blocking writes: a write
   * that returns is the release signal, so the array is refilled at once. The lease is released at
   * the end or when reading fails, and abandoned when writing fails.
   *
   * @return the number of bytes copied
   */
  public static long blocking(InputStream in, OutputStream out, Lease lease) throws IOException {
    byte[] array = lease.array();
    long total = 0;
    while (true) {
      int n;
      try {
        n = in.read(array, 0, array.length);
      } catch (IOException | RuntimeException e) {
        lease.release();
        throw e;
      }
      if (n < 0) {
        lease.release();
        return total;
      }
      try {
        out.write(array, 0, n);
      } catch (IOException | RuntimeException e) {
        // The writer failed and may still hold the array: never reuse it.
        lease.abandon();
        throw e;
      }
      total += n;
    }
  }
}
