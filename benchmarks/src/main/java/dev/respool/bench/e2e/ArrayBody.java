package dev.respool.bench.e2e;

import java.io.InputStream;
import java.util.Objects;

/**
 * A body read from an array that all requests share. Unlike {@code ByteArrayInputStream} it does
 * not override {@code transferTo}, so a copy with {@link InputStream#transferTo} goes through that
 * method's own 8 KiB buffer, as it would for a file or a socket.
 */
final class ArrayBody extends InputStream {

  private final byte[] bytes;
  private int position;

  ArrayBody(byte[] bytes) {
    this.bytes = bytes;
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
    int n = Math.min(len, bytes.length - position);
    if (n <= 0) {
      return -1;
    }
    System.arraycopy(bytes, position, b, off, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return bytes.length - position;
  }
}
