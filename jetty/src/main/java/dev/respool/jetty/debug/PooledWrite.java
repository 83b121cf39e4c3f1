package dev.respool.jetty.debug;

import dev.respool.Lease;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;

/**
 * One core write of a pooled array, and the callback Jetty completes when it is done with it.
 *
 * <p>The lease is checked before the completion is passed on, since passing it on is what lets the
 * Servlet layer give the release signal: a lease returned by then was returned too early.
 */
final class PooledWrite implements Callback {

  /** The lease of the array, and its generation when the write started. */
  final Lease lease;

  final int generation;

  /** Where in the array the write starts, and how many bytes it writes. */
  final int offset;

  final int length;

  /** Whether this write ends the response body. */
  final boolean last;

  /** The request, as a report names it. */
  final String request;

  /** The protocol of the connection, such as {@code HTTP/1.1} or {@code HTTP/2.0}. */
  final String protocol;

  /** The stack of the write, shown in a report. */
  final WriteSite site = new WriteSite();

  private final Callback callback;
  private final Findings findings;

  /** Set by the first check that reports this write, so that one write counts once. */
  private final AtomicBoolean reported = new AtomicBoolean();

  /**
   * Notes a write that is about to be handed to Jetty.
   *
   * @param request the request, as a report names it, for example {@code GET /bytes/1024}
   * @param protocol the protocol of the connection
   * @param lease the lease of the array that backs {@code content}
   * @param content the buffer to write, before Jetty consumes any of it
   * @param last whether this write ends the body
   * @param callback the callback of the write, which this one completes after its check
   * @param findings where a violation is counted and reported
   */
  PooledWrite(
      String request,
      String protocol,
      Lease lease,
      ByteBuffer content,
      boolean last,
      Callback callback,
      Findings findings) {
    this.request = request;
    this.protocol = protocol;
    this.lease = lease;
    this.generation = lease.generation();
    this.offset = content.arrayOffset() + content.position();
    this.length = content.remaining();
    this.last = last;
    this.callback = callback;
    this.findings = findings;
  }

  /** Claims the one report this write may make; false if it made it already. */
  boolean claimReport() {
    return reported.compareAndSet(false, true);
  }

  @Override
  public void succeeded() {
    try {
      findings.completed(this, "succeeded");
    } finally {
      callback.succeeded();
    }
  }

  @Override
  public void failed(Throwable failure) {
    try {
      findings.completed(this, "failed");
    } finally {
      callback.failed(failure);
    }
  }

  /** As the wrapped callback's, so that Jetty runs this one on the same kind of thread. */
  @Override
  public InvocationType getInvocationType() {
    return callback.getInvocationType();
  }

  /** The stack of a core write of a pooled array. */
  static final class WriteSite extends Throwable {
    private static final long serialVersionUID = 1L;

    WriteSite() {
      super("the core write of the pooled array");
    }
  }
}
