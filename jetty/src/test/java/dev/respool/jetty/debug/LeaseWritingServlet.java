package dev.respool.jetty.debug;

import dev.respool.Lease;
import dev.respool.Respool;
import dev.respool.testkit.DeterministicBody;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Answers {@code GET /{n}?seed={s}&release={early|signal}} with the {@link DeterministicBody} of
 * {@code n} bytes, written in non-blocking mode from leases of the respool pool, one lease per
 * write, straight to the container's stream.
 *
 * <p>It bypasses the guarded stream on purpose: that stream would copy each array into a lease of
 * its own and so protect it, and the point here is what Jetty does with the array it is given.
 * With {@code release=signal} each lease goes back to the pool on its release signal, the next
 * {@code isReady()} that returns true. With {@code release=early} each goes back as soon as {@code
 * write} returns, a misuse that lets the pool poison and reuse an array Jetty is still sending.
 */
final class LeaseWritingServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private static final int LEASE_SIZE = 64 * 1024;

  /** The request being served; tests send one at a time. */
  private transient volatile Run run = new Run();

  /** Prepares for the next request and returns what it will report. */
  Run nextRun() {
    Run next = new Run();
    run = next;
    return next;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long length = Long.parseLong(request.getPathInfo().substring(1));
    long seed = Long.parseLong(request.getParameter("seed"));
    boolean early = "early".equals(request.getParameter("release"));

    response.setContentType("application/octet-stream");
    response.setContentLengthLong(length);
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    ServletOutputStream out = container(response).getOutputStream();
    out.setWriteListener(
        new Writer(request, response, out, async, new DeterministicBody(length, seed), early, run));
  }

  /** The container's own response under every wrapper, the filter's guarded response included. */
  private static ServletResponse container(ServletResponse response) {
    ServletResponse current = response;
    while (current instanceof ServletResponseWrapper wrapper) {
      current = wrapper.getResponse();
    }
    return current;
  }

  /** What one request did, for the test that sent it. */
  static final class Run {
    /** Counted down once a write is pending, or once the body ended without one. */
    final CountDownLatch readable = new CountDownLatch(1);

    /** Whether {@code isReady()} ever returned false, that is, a write stayed pending. */
    volatile boolean writePending;

    void pending() {
      writePending = true;
      readable.countDown();
    }

    void ended() {
      readable.countDown();
    }
  }

  /** Writes the body whenever the container can take more. */
  private static final class Writer implements WriteListener {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final AsyncContext async;
    private final DeterministicBody body;
    private final boolean early;
    private final Run run;

    /** The lease of the last write, until its release signal; null with early release. */
    private Lease lent;

    Writer(
        HttpServletRequest request,
        HttpServletResponse response,
        ServletOutputStream out,
        AsyncContext async,
        DeterministicBody body,
        boolean early,
        Run run) {
      this.request = request;
      this.response = response;
      this.out = out;
      this.async = async;
      this.body = body;
      this.early = early;
      this.run = run;
    }

    @Override
    public void onWritePossible() throws IOException {
      // Bounded by the body: each pass writes at least one byte or ends the response.
      while (true) {
        if (!out.isReady()) {
          run.pending();
          return;
        }
        if (lent != null) {
          // The release signal of the previous write.
          lent.release();
          lent = null;
        }
        Lease lease = Respool.lease(request, response, LEASE_SIZE);
        int n = body.readNBytes(lease.array(), 0, lease.capacity());
        if (n == 0) {
          lease.release();
          run.ended();
          async.complete();
          return;
        }
        lease.lend();
        out.write(lease.array(), 0, n);
        if (early) {
          // The misuse under test: Jetty may still hold the array.
          lease.release();
        } else {
          lent = lease;
        }
      }
    }

    @Override
    public void onError(Throwable t) {
      if (lent != null) {
        // A failed write is no release signal: Jetty may still hold the array.
        lent.abandon();
      }
      run.ended();
      async.complete();
    }
  }
}
