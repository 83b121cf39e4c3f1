package dev.respool.internal;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;

/**
 * Servlet 6.1's {@code ServletOutputStream.write(ByteBuffer)}, which the filter, built against
 * Servlet 6.0, reaches through a method handle: the container's own method on a 6.1 container.
 */
final class BufferWrites {

  /** The method, or null on a Servlet API older than 6.1. */
  private static final MethodHandle WRITE = find();

  private BufferWrites() {}

  /**
   * Writes the remaining bytes of {@code buffer} to {@code out} with its own {@code
   * write(ByteBuffer)}. On an API without the method, where only a direct caller of {@link
   * GuardedOutputStream#write(ByteBuffer)} gets here, does what Servlet 6.1 specifies as its
   * default: refuses a stream that is not ready, and writes a copy of the bytes as an array.
   */
  static void write(ServletOutputStream out, ByteBuffer buffer) throws IOException {
    if (WRITE == null) {
      if (!out.isReady()) {
        throw new IllegalStateException("the stream is not ready for a write");
      }
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      out.write(bytes, 0, bytes.length);
      return;
    }
    try {
      WRITE.invokeExact(out, buffer);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      // The method declares IOException only; anything else is a bug in the container.
      throw new IllegalStateException(e);
    }
  }

  private static MethodHandle find() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(
              ServletOutputStream.class,
              "write",
              MethodType.methodType(void.class, ByteBuffer.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null;
    }
  }
}
