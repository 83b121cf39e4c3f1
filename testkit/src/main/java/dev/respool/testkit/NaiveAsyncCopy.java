package dev.respool.testkit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A non-blocking copy that is <strong>deliberately wrong</strong>: it recycles its pooled array as
 * soon as {@code write} returns. It is kept to show the fault respool guards against; do not use it
 * as a model.
 *
 * <p>After {@code setWriteListener}, a Servlet container may keep a reference to the array passed
 * to {@code write} and read it later: the array belongs to the container until {@code isReady()}
 * returns true or {@code onWritePossible} runs again. This class ignores that. In {@link
 * #onWritePossible} it writes the chunk it read ahead, recycles the array into its pool at once,
 * takes an array from the pool (which, being last-in first-out, hands back the same one) and reads
 * the next chunk into it, overwriting bytes the container may not have sent yet. Go's {@code
 * io.Copy} had the same shape of bug when it took its buffers from a pool.
 *
 * <p>Behind respool in {@code copy} mode the body arrives intact, because the guarded response
 * copies caller arrays before they reach the container. With respool {@code off}, large bodies
 * arrive corrupted on Jetty 12; Tomcat 11 copies the arrays written to it, so there they arrive
 * intact even then.
 *
 * <p>The pool is this class's own, shared by all its copies and by nothing else, so the damage
 * stays inside the responses that use it.
 */
public final class NaiveAsyncCopy implements WriteListener {

  /** The size of each pooled array, as in Go's {@code io.Copy}. */
  static final int CHUNK = 32 * 1024;

  /** The most arrays the pool keeps; more are left to the garbage collector. */
  private static final int POOL_LIMIT = 64;

  /** Guarded by itself. Last in, first out, so a recycled array is the next one taken. */
  private static final ArrayDeque<byte[]> POOL = new ArrayDeque<>();

  private final InputStream in;
  private final AsyncContext context;
  private final ServletOutputStream out;
  /** The chunk read ahead, or null before the first {@link #onWritePossible}. */
  private byte[] chunk;
  /** The bytes of {@link #chunk} read ahead, or -1 at the end of the body. */
  private int chunkLength;

  private NaiveAsyncCopy(InputStream in, AsyncContext context, ServletOutputStream out) {
    this.in = in;
    this.context = context;
    this.out = out;
  }

  /**
   * Starts asynchronous processing unless it is already started, and copies {@code in} to the
   * response with non-blocking writes; completes the async cycle at the end and closes {@code in}.
   */
  public static void start(InputStream in, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    AsyncContext context =
        request.isAsyncStarted() ? request.getAsyncContext() : request.startAsync();
    ServletOutputStream out = response.getOutputStream();
    out.setWriteListener(new NaiveAsyncCopy(in, context, out));
  }

  @Override
  public void onWritePossible() throws IOException {
    if (chunk == null) {
      chunk = take();
      chunkLength = in.read(chunk);
    }
    while (out.isReady()) {
      if (chunkLength < 0) {
        recycle(chunk);
        finish();
        return;
      }
      out.write(chunk, 0, chunkLength);
      // THE MISTAKE: the container may still hold chunk, yet it goes back to the pool...
      recycle(chunk);
      // ...comes straight back out of it...
      chunk = take();
      // ...and is overwritten with the next chunk before the container has sent the last one.
      chunkLength = in.read(chunk);
    }
  }

  @Override
  public void onError(Throwable failure) {
    finish();
  }

  private void finish() {
    try {
      in.close();
    } catch (IOException e) {
      // The body has been sent or has failed already; a close failure changes neither.
    }
    context.complete();
  }

  private static byte[] take() {
    synchronized (POOL) {
      byte[] array = POOL.pollFirst();
      if (array != null) {
        return array;
      }
    }
    return new byte[CHUNK];
  }

  private static void recycle(byte[] array) {
    synchronized (POOL) {
      if (POOL.size() < POOL_LIMIT) {
        POOL.addFirst(array);
      }
    }
  }
}
