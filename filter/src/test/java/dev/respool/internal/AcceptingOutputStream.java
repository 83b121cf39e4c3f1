package dev.respool.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;

/**
 * A container stream with room for every write: it reads each array during the {@code write} call
 * and is always ready, as a container is while its buffer has space.
 */
public final class AcceptingOutputStream extends ServletOutputStream {

  /** The bytes the container sent. */
  public final ByteArrayOutputStream sent = new ByteArrayOutputStream();

  @Override
  public void write(int b) {
    sent.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    sent.write(b, off, len);
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public void setWriteListener(WriteListener listener) {}
}
