package dev.respool.internal;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;

/**
 * A {@code ServletOutputStream} that forwards to the container's stream every method whose
 * arguments hold no array: flushing, closing and the text methods, which the container implements
 * in its own way (its encoding, its buffering) and the API's defaults would not reproduce.
 * {@link GuardedOutputStream} adds the writes and the non-blocking mode on top.
 */
abstract class ForwardingOutputStream extends ServletOutputStream {

  /** The container's stream. */
  final ServletOutputStream delegate;

  ForwardingOutputStream(ServletOutputStream delegate) {
    this.delegate = delegate;
  }

  /** The container's stream. */
  ServletOutputStream delegate() {
    return delegate;
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @Override
  public void print(String s) throws IOException {
    delegate.print(s);
  }

  @Override
  public void print(boolean b) throws IOException {
    delegate.print(b);
  }

  @Override
  public void print(char c) throws IOException {
    delegate.print(c);
  }

  @Override
  public void print(int i) throws IOException {
    delegate.print(i);
  }

  @Override
  public void print(long l) throws IOException {
    delegate.print(l);
  }

  @Override
  public void print(float f) throws IOException {
    delegate.print(f);
  }

  @Override
  public void print(double d) throws IOException {
    delegate.print(d);
  }

  @Override
  public void println() throws IOException {
    delegate.println();
  }

  @Override
  public void println(String s) throws IOException {
    delegate.println(s);
  }

  @Override
  public void println(boolean b) throws IOException {
    delegate.println(b);
  }

  @Override
  public void println(char c) throws IOException {
    delegate.println(c);
  }

  @Override
  public void println(int i) throws IOException {
    delegate.println(i);
  }

  @Override
  public void println(long l) throws IOException {
    delegate.println(l);
  }

  @Override
  public void println(float f) throws IOException {
    delegate.println(f);
  }

  @Override
  public void println(double d) throws IOException {
    delegate.println(d);
  }
}
