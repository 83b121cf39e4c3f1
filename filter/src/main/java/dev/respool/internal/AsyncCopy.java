package dev.respool.internal;

import dev.respool.BufferPool;
import dev.respool.Lease;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A non-blocking copy of an input stream into a response body.
 *
 * <p>It writes only while {@code isReady()} returns true, and reads the next chunk only after that
 * release signal. Behind a guarded stream each chunk travels in a lease of its own, which the
 * stream returns to the pool on the next release signal. On a bare container stream the copy keeps
 * one lease, lends it for each write and takes it back on the release signal; when the cycle ends
 * while the lease is lent, the lease is abandoned.
 *
 * <p>The container calls {@code onWritePossible} and {@code onError} one at a time, but the end of
 * the cycle ({@code AsyncListener} callbacks) may be reported on another thread while {@code
 * onWritePossible} runs. The {@link #phase} decides who ends the copy: the thread that reports the
 * end when the pump is idle, else the pump itself as it leaves. So the source is closed, and the
 * lease ended, only by the thread that owns them.
 */
public final class AsyncCopy implements WriteListener, AsyncListener {

  private static final System.Logger LOG = System.getLogger("dev.respool");

  /** No {@code onWritePossible} is running. */
  private static final int IDLE = 0;

  /** {@code onWritePossible} is running and owns the source and the lease. */
  private static final int PUMPING = 1;

  /** The cycle ended while the pump ran; the pump ends the copy as it leaves. */
  private static final int ENDING = 2;

  /** The copy is over: the source is closed and no lease is held. */
  private static final int ENDED = 3;

  private final InputStream in;
  private final AsyncContext context;
  private final HttpServletResponse response;
  private final ServletOutputStream out;
  private final BufferPool pool;
  private final int leaseSize;
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private final AtomicInteger phase = new AtomicInteger(IDLE);

  /** The guarded stream, or null when the copy writes to the container's stream directly. */
  private final GuardedOutputStream guarded;

  /**
   * The guarded stream beneath a wrapper's stream, or null. A framework may wrap the response
   * (Spring MVC does for every controller); the copy then writes its lease through the wrapper,
   * and the guarded stream is told to trust that array rather than copy it again.
   */
  private final GuardedOutputStream beneath;

  /** The copy's one lease when it writes to the container directly; touched only by its owner. */
  private Lease own;

  private long copied;

  public AsyncCopy(
      InputStream in,
      AsyncContext context,
      HttpServletResponse response,
      ServletOutputStream out,
      BufferPool pool,
      long length) {
    this.in = in;
    this.context = context;
    this.response = response;
    this.out = out;
    this.pool = pool;
    this.leaseSize = Pump.leaseSize(length);
    this.guarded = out instanceof GuardedOutputStream stream ? stream : null;
    GuardedResponse wrapped = guarded == null ? GuardedResponse.find(response) : null;
    this.beneath = wrapped == null ? null : wrapped.currentStream();
  }

  /** Completes with the number of bytes copied, or exceptionally when the copy failed. */
  public CompletionStage<Long> result() {
    return result;
  }

  @Override
  public void onWritePossible() {
    if (!phase.compareAndSet(IDLE, PUMPING)) {
      // The copy is over; a late callback has nothing left to write.
      return;
    }
    try {
      pump();
    } finally {
      if (!phase.compareAndSet(PUMPING, IDLE)) {
        // The cycle ended while this thread pumped: it owns the end.
        end();
      }
    }
  }

  private void pump() {
    while (phase.get() == PUMPING) {
      boolean ready;
      try {
        ready = out.isReady();
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      if (!ready) {
        // The container calls onWritePossible again once the pending write is done.
        return;
      }
      Lease lease = nextLease();
      int n;
      try {
        n = in.readNBytes(lease.array(), 0, lease.capacity());
      } catch (IOException | RuntimeException e) {
        releaseHeld(lease);
        sourceFailed(e);
        return;
      }
      if (n == 0) {
        releaseHeld(lease);
        finish();
        return;
      }
      if (phase.get() != PUMPING) {
        // The cycle ended during the read: nothing more goes out.
        releaseHeld(lease);
        return;
      }
      copied += n;
      if (!write(lease, n)) {
        return;
      }
    }
  }

  private Lease nextLease() {
    if (guarded != null) {
      return guarded.acquire(leaseSize);
    }
    if (own == null) {
      own = pool.acquire(leaseSize);
      if (beneath != null) {
        // Safe: this copy refills the array only after isReady() returned true, and abandons it
        // when the cycle ends while a write may still hold it.
        beneath.trust(own.array());
      }
    } else if (own.state() == Lease.State.LENT) {
      // isReady() returned true: the container is done with the previous write.
      own.reclaim();
    }
    return own;
  }

  private void releaseHeld(Lease lease) {
    if (lease == own) {
      disown();
    }
    lease.release();
  }

  /** Forgets the copy's own lease before it is released or abandoned. */
  private void disown() {
    if (beneath != null) {
      beneath.distrust(own.array());
    }
    own = null;
  }

  /** Writes one chunk; returns false when the copy failed. */
  private boolean write(Lease lease, int n) {
    try {
      if (guarded != null) {
        guarded.writeLease(lease, n);
      } else {
        lease.lend();
        out.write(lease.array(), 0, n);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      if (guarded == null) {
        // The container may still hold the array.
        disown();
        lease.abandon();
      }
      fail(e);
      return false;
    }
  }

  private void finish() {
    result.complete(copied);
    completeContext();
  }

  private void sourceFailed(Throwable e) {
    result.completeExceptionally(e);
    try {
      if (!response.isCommitted()) {
        response.reset();
        response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      } else {
        LOG.log(
            Level.WARNING,
            "respool: the body source failed after "
                + copied
                + " bytes were sent; the response ends short of its length",
            e);
      }
    } catch (IOException | RuntimeException ignored) {
      // The response is already failing; completing the cycle below is all that is left.
    }
    completeContext();
  }

  private void fail(Throwable e) {
    result.completeExceptionally(e);
    completeContext();
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
    cycleEnded();
    completeContext();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    result.completeExceptionally(
        new IOException("The response completed before the copy finished"));
    cycleEnded();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    result.completeExceptionally(new IOException("The asynchronous cycle timed out"));
    cycleEnded();
    completeContext();
  }

  @Override
  public void onError(AsyncEvent event) {
    Throwable t = event.getThrowable();
    result.completeExceptionally(t != null ? t : new IOException("The asynchronous cycle failed"));
    cycleEnded();
    completeContext();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // A copy belongs to one cycle.
  }

  /** The cycle is over: end the copy now if the pump is idle, else let the pump end it. */
  private void cycleEnded() {
    while (true) {
      int current = phase.get();
      if (current == IDLE && phase.compareAndSet(IDLE, ENDED)) {
        end();
        return;
      }
      if (current == PUMPING && phase.compareAndSet(PUMPING, ENDING)) {
        return;
      }
      if (current == ENDING || current == ENDED) {
        return;
      }
    }
  }

  /**
   * Closes the source and ends the lease, on the thread that owns them. A lease still lent has no
   * release signal left, since a write that fails after the cycle ended is reported to no one: it
   * is abandoned.
   */
  private void end() {
    phase.set(ENDED);
    Lease lease = own;
    if (lease != null) {
      disown();
    }
    if (lease != null && lease.state() == Lease.State.LENT) {
      lease.abandon();
    } else if (lease != null) {
      lease.release();
    }
    try {
      in.close();
    } catch (IOException ignored) {
      // Nothing was lost: the body was read as far as it will be.
    }
  }

  private void completeContext() {
    try {
      context.complete();
    } catch (IllegalStateException ignored) {
      // The cycle already ended.
    }
  }
}
