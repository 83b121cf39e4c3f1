package dev.respool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.BufferPool;
import dev.respool.Lease;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The end of the cycle reported while the copy pumps never hands the copy's lease to someone else:
 * the pump, which owns it, ends it as it leaves. (The container calls the write callbacks one at a
 * time, but the async listener may be called on another thread; here it is called from inside the
 * read, the worst moment.)
 */
class AsyncCopyTest {

  private final BufferPool pool = new BufferPool();
  private final RetainingOutputStream container = new RetainingOutputStream();
  private final CompletingContext context = new CompletingContext();
  private final AtomicReference<AsyncCopy> copy = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Another request's lease, taken right after the timeout was reported. */
  private final AtomicReference<Lease> other = new AtomicReference<>();

  /**
   * A source of sevens that reports a timeout from inside its {@code round}-th read, after which
   * another request takes a lease from the same pool.
   */
  private InputStream timingOutAt(int round) {
    byte[] sevens = new byte[100_000];
    java.util.Arrays.fill(sevens, (byte) 7);
    return new ByteArrayInputStream(sevens) {
      int reads;

      @Override
      public synchronized int read(byte[] b, int off, int len) {
        if (++reads == round) {
          copy.get().onTimeout(null);
          other.set(pool.acquire(32 * 1024));
        }
        return super.read(b, off, len);
      }

      @Override
      public void close() {
        closed.set(true);
      }
    };
  }

  /** A source of zeros that records its closing. */
  private InputStream zeros(int size) {
    return new ByteArrayInputStream(new byte[size]) {
      @Override
      public void close() {
        closed.set(true);
      }
    };
  }

  private AsyncCopy start(InputStream in) throws IOException {
    AsyncCopy started = new AsyncCopy(in, context, null, container, pool, 100_000);
    copy.set(started);
    container.setWriteListener(started);
    started.onWritePossible();
    return started;
  }

  @Test
  void aTimeoutDuringAReadNeitherLendsTheArrayToAnotherRequestNorWritesIt() throws IOException {
    start(timingOutAt(1));

    assertThat(other.get().array()).doesNotContain((byte) 7);
    assertThat(container.sent.size()).isZero();
    other.get().release();
    assertThat(pool.stats().returned()).isEqualTo(2);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(closed).isTrue();
    assertThat(context.completed).isTrue();
  }

  @Test
  void behindAGuardedStreamATimeoutDuringAReadReturnsTheLeaseOfThatChunk() {
    Guard guard = new Guard(dev.respool.Mode.COPY, pool, dev.respool.DetectAction.LOG);
    GuardedOutputStream guarded = new GuardedOutputStream(container, guard);
    AsyncCopy started = new AsyncCopy(timingOutAt(1), context, null, guarded, pool, 100_000);
    copy.set(started);
    guarded.setWriteListener(started);

    started.onWritePossible();

    assertThat(container.sent.size()).isZero();
    other.get().release();
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(pool.stats().abandoned()).isZero();
  }

  @Test
  void aTimeoutWhileAWriteIsPendingAbandonsTheLentLease() throws IOException {
    start(timingOutAt(99));
    Lease next = pool.acquire(32 * 1024);

    copy.get().onTimeout(null);
    container.drain();

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().returned()).isZero();
    assertThat(next.state()).isEqualTo(Lease.State.HELD);
    assertThat(closed).isTrue();
  }

  /** Sends the whole body, as the container would, until the copy completes its cycle. */
  private void drainUntilCompleted() throws IOException {
    for (int i = 0; i < 10 && !context.completed; i++) {
      container.drain();
    }
  }

  @Test
  void aFinishedCopyReturnsItsLeaseAndClosesTheSource() throws IOException {
    start(new ByteArrayInputStream(new byte[100_000]));
    drainUntilCompleted();
    assertThat(context.completed).isTrue();
    assertThat(pool.stats().leasesOut()).isZero();
    copy.get().onComplete(null);

    assertThat(container.sent.size()).isEqualTo(100_000);
    assertThat(copy.get().result().toCompletableFuture()).isCompletedWithValue(100_000L);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(pool.stats().abandoned()).isZero();
  }

  @Test
  void theEndOfTheCycleLeavesALeaseTheFinishedCopyGaveBackToItsNextOwner() throws IOException {
    start(zeros(100_000));
    drainUntilCompleted();
    Lease next = pool.acquire(32 * 1024);

    copy.get().onComplete(null);

    assertThat(next.state()).isEqualTo(Lease.State.HELD);
    assertThat(pool.stats().returned()).isEqualTo(1);
    assertThat(closed).isTrue();
  }

  @Test
  void theCompletionOfTheCycleWhileAWriteIsPendingAbandonsTheLentLease() throws IOException {
    start(zeros(100_000));

    copy.get().onComplete(null);

    assertThat(pool.stats().abandoned()).isEqualTo(1);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(closed).isTrue();
    assertThat(copy.get().result().toCompletableFuture()).isCompletedExceptionally();
  }

  /**
   * Spring MVC hands controllers a response whose stream wraps the filter's. The copy's own lease
   * then reaches the guarded stream through the wrapper, which must not copy it once more, while
   * the application's arrays written through the same wrapper are still copied.
   */
  @Test
  void aLeaseWrittenThroughAFrameworksWrapperIsNotCopiedAgain() throws IOException {
    Guard guard = new Guard(dev.respool.Mode.COPY, pool, dev.respool.DetectAction.LOG);
    GuardedResponse guarded = new GuardedResponse(responseWith(container), guard);
    ServletOutputStream wrapper = new WrappingStream(guarded.getOutputStream());
    HttpServletResponse outer = new HttpServletResponseWrapper(guarded);
    byte[] body = new byte[100_000];
    new java.util.Random(5).nextBytes(body);
    AsyncCopy started =
        new AsyncCopy(new ByteArrayInputStream(body), context, outer, wrapper, pool, body.length);
    copy.set(started);
    wrapper.setWriteListener(started);

    started.onWritePossible();
    for (int i = 0; i < 10 && !context.completed; i++) {
      container.drain();
    }
    started.onComplete(null);
    assertThat(guard.defensiveCopies()).isZero();
    byte[] mine = new byte[] {1, 2, 3};
    wrapper.write(mine, 0, mine.length);
    container.drain();

    assertThat(guard.defensiveCopies()).isEqualTo(1);
    assertThat(Arrays.copyOf(container.sent.toByteArray(), body.length)).isEqualTo(body);
    assertThat(container.sent.size()).isEqualTo(body.length + mine.length);
    assertThat(started.result().toCompletableFuture()).isCompletedWithValue((long) body.length);
    assertThat(pool.stats().leasesOut()).isZero();
    assertThat(pool.stats().abandoned()).isZero();
  }

  /**
   * Once the copy is over, its array goes back to the pool, and whoever gets it next and writes
   * it through the same wrapper is protected like any other caller.
   */
  @Test
  void anArrayTheCopyGaveBackIsNoLongerTrusted() throws IOException {
    Guard guard = new Guard(dev.respool.Mode.COPY, pool, dev.respool.DetectAction.LOG);
    GuardedResponse guarded = new GuardedResponse(responseWith(container), guard);
    ServletOutputStream wrapper = new WrappingStream(guarded.getOutputStream());
    HttpServletResponse outer = new HttpServletResponseWrapper(guarded);
    AsyncCopy started = new AsyncCopy(
        new ByteArrayInputStream(new byte[100_000]), context, outer, wrapper, pool, 100_000);
    wrapper.setWriteListener(started);
    started.onWritePossible();
    drainUntilCompleted();
    started.onComplete(null);

    Lease again = pool.acquire(32 * 1024);
    wrapper.write(again.array(), 0, 10);

    assertThat(guard.defensiveCopies()).isEqualTo(1);
  }

  /** A response whose only working method is {@code getOutputStream()}. */
  private static HttpServletResponse responseWith(ServletOutputStream stream) {
    return (HttpServletResponse) Proxy.newProxyInstance(
        AsyncCopyTest.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getOutputStream")) {
            return stream;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  /** Records {@code complete()}; the copy calls nothing else. */
  private static final class CompletingContext implements AsyncContext {
    volatile boolean completed;

    @Override
    public void complete() {
      completed = true;
    }

    @Override
    public ServletRequest getRequest() {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServletResponse getResponse() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
      return true;
    }

    @Override
    public void dispatch() {}

    @Override
    public void dispatch(String path) {}

    @Override
    public void dispatch(ServletContext context, String path) {}

    @Override
    public void start(Runnable run) {
      run.run();
    }

    @Override
    public void addListener(AsyncListener listener) {}

    @Override
    public void addListener(
        AsyncListener listener, ServletRequest request, ServletResponse response) {}

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void setTimeout(long timeout) {}

    @Override
    public long getTimeout() {
      return 0;
    }
  }
}
