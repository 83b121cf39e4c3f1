package dev.respool.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;

/**
 * A framework's stream over the filter's, forwarding every call, as the lifecycle wrapper that
 * Spring MVC puts around every controller's response stream does.
 */
final class WrappingStream extends ServletOutputStream {

  private final ServletOutputStream next;

  WrappingStream(ServletOutputStream next) {
    this.next = next;
  }

  @Override
  public void write(int b) throws IOException {
    next.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    next.write(b, off, len);
  }

  @Override
  public boolean isReady() {
    return next.isReady();
  }

  @Override
  public void setWriteListener(WriteListener listener) {
    next.setWriteListener(listener);
  }
}
