package dev.respool.internal;

import dev.respool.Lease;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The copy loop shared by the copier and the guarded stream. */
public final class Pump {

  /**
   * The largest lease a copy into a servlet response asks for, and its size when the length is
   * unknown. Containers copy small writes into a buffer of their own (Jetty's aggregation buffer is
   * 8 KiB by default, Tomcat's output buffer too) and pass larger ones straight on, so each chunk
   * of a body is written once.
   */
  public static final int CHUNK_SIZE = 32 * 1024;

  /**
   * The largest lease a copy into any other stream asks for. Copying through memory, 16 KiB chunks
   * were the fastest of 4 to 64 KiB here (see {@code ChunkSizeBenchmark} in the benchmarks): small
   * enough for the array to stay in the processor's first caches while the sink reads it.
   */
  public static final int STREAM_CHUNK_SIZE = 16 * 1024;

  private Pump() {}

  /**
   * The lease size for a copy into a servlet response of {@code length} bytes, or of unknown length
   * when negative.
   */
  public static int leaseSize(long length) {
    return leaseSize(length, CHUNK_SIZE);
  }

  /** The lease size for a copy of {@code length} bytes in chunks of at most {@code chunk}. */
  public static int leaseSize(long length, int chunk) {
    return length < 0 || length > chunk ? chunk : (int) length;
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
