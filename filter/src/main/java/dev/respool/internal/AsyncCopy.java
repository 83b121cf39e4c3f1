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

/**
 * A non-blocking copy of an input stream into a response body.
 *
 * <p>It writes only while {@code isReady()} returns true, and reads the next chunk only after that
 * release signal. Behind a guarded stream each chunk travels in a lease of its own, which the
 * stream returns to the pool on the next release signal. On a bare container stream the copy keeps
 * one lease, lends it for each write and takes it back on the release signal; when the cycle ends
 * with an error, a timeout or an abort while the lease is lent, the lease is abandoned.
 *
 * <p>The container calls {@code onWritePossible} and {@code onError} one at a time; the {@code
 * AsyncListener} callbacks may come from another thread, so the lease's own atomic transitions
 * decide who ends it.
 */
public final class AsyncCopy implements WriteListener, AsyncListener {

  private static final System.Logger LOG = System.getLogger("dev.respool");

  private final InputStream in;
  private final AsyncContext context;
  private final HttpServletResponse response;
  private final ServletOutputStream out;
  private final BufferPool pool;
  private final int leaseSize;
  private final CompletableFuture<Long> result = new CompletableFuture<>();

  /** The guarded stream, or null when the copy writes to the container's stream directly. */
  private final GuardedOutputStream guarded;

  /** The copy's one lease when it writes to the container directly; null otherwise. */
  private volatile Lease own;

  /** True while a container write call of {@link #own} has not returned. */
  private volatile boolean writing;

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
  }

  /** Completes with the number of bytes copied, or exceptionally when the copy failed. */
  public CompletionStage<Long> result() {
    return result;
  }

  @Override
  public void onWritePossible() {
    while (true) {
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
        lease.release();
        own = null;
        sourceFailed(e);
        return;
      }
      if (n == 0) {
        lease.release();
        own = null;
        finish();
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
    Lease lease = own;
    if (lease == null) {
      lease = pool.acquire(leaseSize);
      own = lease;
    } else if (lease.state() == Lease.State.LENT) {
      // isReady() returned true: the container is done with the previous write.
      lease.reclaim();
    }
    return lease;
  }

  /** Writes one chunk; returns false when the copy failed. */
  private boolean write(Lease lease, int n) {
    try {
      if (guarded != null) {
        guarded.writeLease(lease, n);
      } else {
        lease.lend();
        writing = true;
        try {
          out.write(lease.array(), 0, n);
        } finally {
          writing = false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      if (guarded == null) {
        // The container may still hold the array.
        lease.abandon();
        own = null;
      }
      fail(e);
      return false;
    }
  }

  private void finish() {
    closeSource();
    result.complete(copied);
    completeContext();
  }

  private void sourceFailed(Throwable e) {
    closeSource();
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
    closeSource();
    result.completeExceptionally(e);
    completeContext();
  }

  @Override
  public void onError(Throwable t) {
    endOwn(false);
    fail(t);
  }

  @Override
  public void onComplete(AsyncEvent event) {
    // Completion is a release signal, unless a write call is still running on another thread.
    endOwn(!writing);
    if (!result.isDone()) {
      closeSource();
      result.completeExceptionally(
          new IOException("The response completed before the copy finished"));
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    endOwn(false);
    fail(new IOException("The asynchronous cycle timed out during the copy"));
  }

  @Override
  public void onError(AsyncEvent event) {
    endOwn(false);
    Throwable t = event.getThrowable();
    fail(t != null ? t : new IOException("The asynchronous cycle failed during the copy"));
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // A copy belongs to one cycle.
  }

  /** Ends the copy's own lease: released when no writer can hold it, abandoned otherwise. */
  private void endOwn(boolean released) {
    Lease lease = own;
    if (lease == null) {
      return;
    }
    own = null;
    if (released || lease.state() == Lease.State.HELD) {
      lease.release();
    } else {
      lease.abandon();
    }
  }

  private void closeSource() {
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
