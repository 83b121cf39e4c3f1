package dev.respool.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A container stream that behaves like Jetty's in non-blocking mode: it keeps the array passed to
 * {@code write} and reads it only when {@link #drain()} runs, later; until then {@code isReady()}
 * is false.
 */
public final class RetainingOutputStream extends ServletOutputStream {

  /** The bytes the container sent. */
  public final ByteArrayOutputStream sent = new ByteArrayOutputStream();

  /** How many times the stream was flushed. */
  public int flushes;

  /** Whether the stream was closed. */
  public boolean closed;

  private WriteListener listener;
  private byte[] kept;
  private int keptOffset;
  private int keptLength;
  private IOException failNextWrite;

  @Override
  public void write(int b) {
    sent.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (failNextWrite != null) {
      IOException e = failNextWrite;
      failNextWrite = null;
      throw e;
    }
    if (listener == null) {
      sent.write(b, off, len);
      return;
    }
    if (kept != null) {
      throw new IllegalStateException("write while a write is pending; call isReady() first");
    }
    kept = b;
    keptOffset = off;
    keptLength = len;
  }

  /** The pending write completes now, reading the array it kept; then the listener is called. */
  public void drain() throws IOException {
    if (kept != null) {
      sent.write(kept, keptOffset, keptLength);
      kept = null;
    }
    listener.onWritePossible();
  }

  /** The pending write completes now, without telling the listener. */
  public void completePendingWrite() {
    if (kept != null) {
      sent.write(kept, keptOffset, keptLength);
      kept = null;
    }
  }

  public void failNextWrite(IOException e) {
    failNextWrite = e;
  }

  public WriteListener listener() {
    return listener;
  }

  @Override
  public void flush() {
    flushes++;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean isReady() {
    return kept == null;
  }

  @Override
  public void setWriteListener(WriteListener writeListener) {
    if (listener != null) {
      throw new IllegalStateException("listener already set");
    }
    listener = writeListener;
  }
}
