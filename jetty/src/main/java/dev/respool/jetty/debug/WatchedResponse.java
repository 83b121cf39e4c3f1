package dev.respool.jetty.debug;

import dev.respool.BufferPool;
import dev.respool.Lease;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A response whose core writes of pooled arrays are watched: each such write gets a {@link
 * PooledWrite} callback that checks the lease when Jetty completes the write.
 */
final class WatchedResponse extends Response.Wrapper {

  private final BufferPool pool;
  private final Findings findings;

  WatchedResponse(Request request, Response wrapped, BufferPool pool, Findings findings) {
    super(request, wrapped);
    this.pool = pool;
    this.findings = findings;
  }

  @Override
  public void write(boolean last, ByteBuffer content, Callback callback) {
    // Direct and read-only buffers have no array to look up; see the limits of RetentionWatch.
    Lease lease = content != null && content.hasArray() ? pool.leaseOf(content.array()) : null;
    if (lease == null) {
      super.write(last, content, callback);
      return;
    }
    Request request = getRequest();
    PooledWrite write = new PooledWrite(
        request.getMethod() + " " + request.getHttpURI().getPathQuery(),
        request.getConnectionMetaData().getProtocol(),
        lease,
        content,
        last,
        callback,
        findings);
    findings.started(write);
    super.write(last, content, write);
  }
}
