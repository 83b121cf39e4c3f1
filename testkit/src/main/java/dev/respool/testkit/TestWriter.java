package dev.respool.testkit;

import dev.respool.BufferPool;
import dev.respool.DetectAction;
import dev.respool.Mode;
import dev.respool.internal.Guard;
import dev.respool.internal.GuardedResponse;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A container's output stream for unit tests, honest or retaining, without a server. It records
 * the bytes it "sends" in {@link #sent()}, read from the written arrays at the moment its {@link
 * Behaviour} says, so a test can see whether a guard protected a writer that refilled its array.
 *
 * <p>In blocking mode (no write listener) every behaviour copies during {@code write}. After
 * {@link #setWriteListener}, writes are kept as references to the caller's array and read when
 * {@link #completeWrites()} runs, or on another thread with {@link #completeWritesOn(Executor)}.
 * Not safe for concurrent writers; a test drives it from one thread, or hands completion to one
 * other thread.
 */
public final class TestWriter extends ServletOutputStream {

  /** When the stream reads a written array, and what it reports. */
  public enum Behaviour {
    /** Copies the bytes during {@code write}, as Tomcat does: nothing to protect. */
    HONEST,
    /** Keeps the array and reads it when the write completes, as Jetty does. */
    READS_LATER,
    /**
     * Accepts several writes without waiting for {@code isReady()} and reads them all when the
     * writes complete.
     */
    QUEUES,
    /**
     * Reports {@code onError} to the listener when the writes complete, and only then reads the
     * arrays, as a server failing mid-write whose I/O thread still touches its buffers.
     */
    READS_AFTER_ERROR,
    /**
     * Completes the write (so {@code isReady()} turns true and the listener runs) and reads the
     * arrays once more afterwards, on {@link #readAgain()}: a container bug that keeps an array
     * past its release signal.
     */
    READS_AFTER_RELEASE
  }

  private final Behaviour behaviour;
  private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
  private final List<Region> pending = new ArrayList<>();
  private final List<Region> completed = new ArrayList<>();
  private WriteListener listener;

  /** Creates a stream that behaves as {@code behaviour}. */
  public TestWriter(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  /**
   * The output stream respool's filter would hand the application in front of this stream: a
   * guarded stream in {@code mode}, taking leases from {@code pool}. For unit tests of the guard,
   * or of an application's writer, without a server.
   */
  public ServletOutputStream guarded(Mode mode, BufferPool pool) throws IOException {
    HttpServletResponse container = (HttpServletResponse) Proxy.newProxyInstance(
        HttpServletResponse.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getOutputStream")) {
            return this;
          }
          throw new UnsupportedOperationException(
              method.getName() + " is not part of a test writer's response");
        });
    Guard guard = new Guard(mode, pool, DetectAction.LOG);
    return new GuardedResponse(container, guard).getOutputStream();
  }

  /** The bytes sent so far, in order. */
  public synchronized byte[] sent() {
    return sent.toByteArray();
  }

  /** The listener set by the code under test, or null. */
  public synchronized WriteListener listener() {
    return listener;
  }

  @Override
  public synchronized void write(int b) {
    sent.write(b);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    if (listener == null || behaviour == Behaviour.HONEST) {
      sent.write(b, off, len);
      return;
    }
    if (!pending.isEmpty() && behaviour != Behaviour.QUEUES) {
      throw new IllegalStateException("write while a write is pending; call isReady() first");
    }
    pending.add(new Region(b, off, len));
  }

  @Override
  public synchronized boolean isReady() {
    return pending.isEmpty() || behaviour == Behaviour.QUEUES;
  }

  @Override
  public synchronized void setWriteListener(WriteListener writeListener) {
    if (listener != null) {
      throw new IllegalStateException("a write listener is already set");
    }
    listener = writeListener;
  }

  /**
   * Completes the pending writes: reads their arrays now (after the error, for {@link
   * Behaviour#READS_AFTER_ERROR}) and tells the listener.
   */
  public void completeWrites() throws IOException {
    WriteListener current;
    List<Region> regions;
    synchronized (this) {
      current = listener;
      regions = new ArrayList<>(pending);
      pending.clear();
    }
    if (behaviour == Behaviour.READS_AFTER_ERROR) {
      current.onError(new IOException("the connection failed during the write"));
      send(regions);
      return;
    }
    send(regions);
    synchronized (this) {
      completed.addAll(regions);
    }
    if (current != null) {
      current.onWritePossible();
    }
  }

  /** Completes the pending writes on {@code executor}, as a container's I/O thread would. */
  public CompletableFuture<Void> completeWritesOn(Executor executor) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            completeWrites();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        },
        executor);
  }

  /**
   * For {@link Behaviour#READS_AFTER_RELEASE}: reads every completed write's array again and sends
   * it once more, as a container that kept the array would. Other behaviours send nothing here.
   */
  public void readAgain() {
    if (behaviour != Behaviour.READS_AFTER_RELEASE) {
      return;
    }
    List<Region> regions;
    synchronized (this) {
      regions = new ArrayList<>(completed);
      completed.clear();
    }
    send(regions);
  }

  private synchronized void send(List<Region> regions) {
    for (Region region : regions) {
      sent.write(region.array, region.offset, region.length);
    }
  }

  private record Region(byte[] array, int offset, int length) {}
}
