package dev.respool.internal;

import dev.respool.Lease;
import dev.respool.RespoolViolationException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The output stream of a guarded response: forwards every call to the container's stream, and
 * decides when an array handed to the container may be used again.
 *
 * <p>In blocking mode a {@code write} that returns normally is the release signal, so arrays pass
 * straight through. Once {@link #setWriteListener} switched the stream to non-blocking mode, the
 * container may keep the array after {@code write} returned, until the next {@code isReady()}
 * that returns true or the next {@code onWritePossible()}. In {@code copy} and {@code detect} modes
 * each caller array is then copied into a lease, and the lease stays lent until one of those
 * release signals. A failed write, {@code onError}, a timeout, an abort, or the end of the request
 * before a release signal abandons every lent lease instead.
 */
public final class GuardedOutputStream extends ForwardingOutputStream {

  private final Guard guard;

  /** True once a write listener was set: from then on the container may keep written arrays. */
  private volatile boolean nonBlocking;

  /**
   * The array of a respool copy that writes to this stream through a wrapper of the application
   * (or of a framework) and waits for release signals itself; passed through without a copy.
   */
  private volatile byte[] trusted;

  // The fields below are guarded by this. The lock is never held while calling the container.

  /** The lease inside a container {@code write} call right now, or null. */
  private Lease writing;

  /** Leases whose write call returned, waiting for the next release signal. */
  private Lease[] lent = new Lease[2];

  /** For each entry of {@link #lent}, the caller array it copies in detect mode, else null. */
  private Detector.Site[] sites = new Detector.Site[2];

  private int lentCount;

  /** True once the request ended: a lease lent after that has no release signal left. */
  private boolean finished;

  /** The leases of this request in detect mode, checked when it completes; else null. */
  private final LeaseLedger ledger;

  /** The request, as detection reports name it. */
  private final String request;

  GuardedOutputStream(ServletOutputStream delegate, Guard guard) {
    this(delegate, guard, null, "a request");
  }

  GuardedOutputStream(
      ServletOutputStream delegate, Guard guard, LeaseLedger ledger, String request) {
    super(delegate);
    this.guard = guard;
    this.ledger = ledger;
    this.request = request;
  }

  /**
   * Leases an array for this response from the filter's pool. In detect mode a lease still held or
   * lent when the request completes is reported as a leak.
   */
  public Lease acquire(int minCapacity) {
    return guard.acquire(minCapacity, ledger);
  }

  /**
   * Lets {@code array} pass without a defensive copy. Only for an array whose owner reuses it
   * after a release signal and abandons it otherwise, as {@link AsyncCopy} does with its lease.
   */
  void trust(byte[] array) {
    trusted = array;
  }

  /** Ends the trust given to {@code array}, if it is still the trusted one. */
  void distrust(byte[] array) {
    if (trusted == array) {
      trusted = null;
    }
  }

  @Override
  public void write(int b) throws IOException {
    delegate.write(b);
  }

  @Override
  public void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (!nonBlocking || len == 0 || !guard.copiesCallerArrays() || b == trusted) {
      delegate.write(b, off, len);
      return;
    }
    Objects.checkFromIndexSize(off, len, b.length);
    Lease lease = acquire(len);
    System.arraycopy(b, off, lease.array(), 0, len);
    guard.countDefensiveCopy();
    send(lease, len, null, guard.detector().capture(b, off, len, request));
  }

  /**
   * Servlet 6.1's write of a buffer, declared without {@code @Override} since the filter is built
   * against Servlet 6.0: on a 6.1 container it replaces the API's default, which would copy the
   * buffer into an array for {@code write(byte[])} and so change when the container commits the
   * response and how much of the buffer it reads. The container's own method runs instead: on the
   * caller's buffer where a caller array would pass through, else on a copy in a lease, lent as for
   * arrays; the caller's buffer then advances by what the container read of the copy. Detect mode
   * checks buffers backed by an accessible array, not direct ones.
   */
  public void write(ByteBuffer buffer) throws IOException {
    int length = buffer.remaining();
    if (!nonBlocking || length == 0 || !guard.copiesCallerArrays()) {
      BufferWrites.write(delegate, buffer);
      return;
    }
    int position = buffer.position();
    Lease lease = acquire(length);
    buffer.get(position, lease.array(), 0, length);
    guard.countDefensiveCopy();
    Detector.Site site = buffer.hasArray()
        ? guard.detector().capture(buffer.array(), buffer.arrayOffset() + position, length, request)
        : null;
    ByteBuffer copy = ByteBuffer.wrap(lease.array(), 0, length);
    send(lease, length, copy, site);
    buffer.position(position + length - copy.remaining());
  }

  /**
   * Writes the first {@code length} bytes of a held lease, taking ownership of it: the lease goes
   * back to the pool on its release signal, or is abandoned if the write fails.
   */
  public void writeLease(Lease lease, int length) throws IOException {
    if (nonBlocking) {
      send(lease, length, null, null);
      return;
    }
    try {
      delegate.write(lease.array(), 0, length);
    } catch (IOException | RuntimeException e) {
      lease.abandon();
      throw e;
    }
    lease.release();
  }

  /**
   * Copies {@code in} into this stream with blocking writes through one lease from the guard's
   * pool. This is how the copier hands a copy to its destination.
   *
   * @param length the expected byte count, or -1; used only to size the lease
   * @return the number of bytes copied
   * @throws IllegalStateException if the stream is in non-blocking mode
   */
  public long transferFrom(InputStream in, long length) throws IOException {
    if (nonBlocking) {
      throw new IllegalStateException(
          "A blocking copy cannot write to a stream in non-blocking mode (a WriteListener is"
              + " set); use Respool.copyAsync instead");
    }
    return Pump.blocking(in, delegate, acquire(Pump.leaseSize(length)));
  }

  /**
   * Lends {@code lease} to the container for one write of its first {@code length} bytes, through
   * {@code view} if not null, else as an array.
   */
  private void send(Lease lease, int length, ByteBuffer view, Detector.Site site)
      throws IOException {
    lease.lend();
    synchronized (this) {
      writing = lease;
    }
    try {
      if (view == null) {
        delegate.write(lease.array(), 0, length);
      } else {
        BufferWrites.write(delegate, view);
      }
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        if (writing == lease) {
          writing = null;
        }
      }
      lease.abandon();
      throw e;
    }
    synchronized (this) {
      if (writing != lease) {
        // The request ended during the write, and that abandoned the lease.
        return;
      }
      writing = null;
      if (finished) {
        lease.abandon();
        return;
      }
      if (lentCount == lent.length) {
        lent = Arrays.copyOf(lent, lentCount * 2);
        sites = Arrays.copyOf(sites, lentCount * 2);
      }
      lent[lentCount] = lease;
      sites[lentCount] = site;
      lentCount++;
    }
  }

  /**
   * A release signal: the container is done with every array whose write call returned.
   *
   * @throws RespoolViolationException in detect mode with the throw action, when a caller had
   *     changed one of those arrays; every lease is released first
   */
  void releaseLent() {
    RespoolViolationException violation = releaseLentLeases();
    if (violation != null) {
      throw violation;
    }
  }

  private synchronized RespoolViolationException releaseLentLeases() {
    RespoolViolationException first = null;
    for (int i = 0; i < lentCount; i++) {
      Lease lease = lent[i];
      Detector.Site site = sites[i];
      lent[i] = null;
      sites[i] = null;
      if (site != null) {
        RespoolViolationException violation = guard.detector().verify(site, lease.array());
        first = first == null ? violation : first;
      }
      lease.release();
    }
    lentCount = 0;
    return first;
  }

  /** The container will not say when it is done with the lent arrays: never reuse them. */
  synchronized void abandonLent() {
    for (int i = 0; i < lentCount; i++) {
      lent[i].abandon();
      lent[i] = null;
      sites[i] = null;
    }
    lentCount = 0;
    if (writing != null) {
      writing.abandon();
      writing = null;
    }
  }

  /**
   * The request ended. Arrays still lent never had their release signal: the end of the cycle does
   * not say whether their write succeeded (a write that fails after {@code complete()} is reported
   * to no one), so their leases are abandoned, never returned. In detect mode their caller arrays
   * are still checked first.
   */
  synchronized void finish() {
    finished = true;
    guard.closed(this);
    for (int i = 0; i < lentCount; i++) {
      if (sites[i] != null) {
        // Nobody is left to throw at; a violation found now is logged and counted only.
        guard.detector().verify(sites[i], lent[i].array());
      }
    }
    abandonLent();
  }

  @Override
  public boolean isReady() {
    boolean ready = delegate.isReady();
    if (ready && nonBlocking) {
      releaseLent();
    }
    return ready;
  }

  @Override
  public void setWriteListener(WriteListener listener) {
    boolean wasNonBlocking = nonBlocking;
    // Set before the container sees the listener: it may call onWritePossible at once, on
    // another thread, and the writes made there must already be guarded.
    nonBlocking = true;
    try {
      delegate.setWriteListener(listener == null ? null : new Listener(listener));
    } catch (RuntimeException e) {
      nonBlocking = wasNonBlocking;
      throw e;
    }
    guard.opened(this);
  }

  /** Turns the container's callbacks into release signals before the application sees them. */
  private final class Listener implements WriteListener {
    private final WriteListener application;

    Listener(WriteListener application) {
      this.application = application;
    }

    @Override
    public void onWritePossible() throws IOException {
      releaseLent();
      application.onWritePossible();
    }

    @Override
    public void onError(Throwable t) {
      abandonLent();
      application.onError(t);
    }
  }
}
