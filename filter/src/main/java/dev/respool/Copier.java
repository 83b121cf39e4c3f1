package dev.respool;

import dev.respool.internal.GuardedOutputStream;
import dev.respool.internal.Pump;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies an {@link InputStream} to an {@link OutputStream} through a pooled array.
 *
 * <p>The destination is written with blocking writes: a {@code write} that returns normally is the
 * release signal, so one lease serves the whole copy and goes back to the pool at the end. The
 * lease holds 16 KiB, or the length when it is known and smaller; a copy into a servlet response
 * writes chunks of 32 KiB instead, which containers pass on without copying them again. When
 * writing fails the lease is abandoned, since the destination may still hold its array. When the
 * destination is a guarded response's stream, the copy is handed to it, and it takes the lease from
 * its filter's pool.
 *
 * <p>Do not use a copier on a Servlet stream in non-blocking mode; use {@link
 * Respool#copyAsync} there.
 */
public final class Copier {

  private final BufferPool pool;

  /** Creates a copier that takes its leases from {@code pool}. */
  public Copier(BufferPool pool) {
    this.pool = pool;
  }

  /**
   * Copies {@code in} to {@code out} until the end of {@code in}. Neither stream is closed.
   *
   * @return the number of bytes copied
   */
  public long copy(InputStream in, OutputStream out) throws IOException {
    return copy(in, out, -1);
  }

  /**
   * Copies {@code in} to {@code out} until the end of {@code in}, with a lease sized for {@code
   * length} bytes. Neither stream is closed.
   *
   * @param length how many bytes {@code in} holds, or -1 if unknown; a hint for the lease size only
   * @return the number of bytes copied
   */
  public long copy(InputStream in, OutputStream out, long length) throws IOException {
    if (out instanceof GuardedOutputStream guarded) {
      return guarded.transferFrom(in, length);
    }
    // A container's own stream gets the chunks that containers pass on without another copy.
    int chunk = out instanceof ServletOutputStream ? Pump.CHUNK_SIZE : Pump.STREAM_CHUNK_SIZE;
    return Pump.blocking(in, out, pool.acquire(Pump.leaseSize(length, chunk)));
  }
}
