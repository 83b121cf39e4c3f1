package dev.respool.jetty.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.BufferPool;
import dev.respool.Lease;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ResourceBundle;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.junit.jupiter.api.Test;

/** The check each watched write makes when Jetty completes it, without a server. */
class PooledWriteTest {

  private static final String HTTP_2 = "HTTP/2.0";

  /** A poisoning pool of this test's own, since several tests release leases too early. */
  private final BufferPool pool = new BufferPool(1024 * 1024, true);

  private final RecordingLogger log = new RecordingLogger();
  private final Findings findings = new Findings(log);

  @Test
  void aWriteCompletedWhileItsLeaseIsLentIsNotReported() {
    Lease lease = lent();
    RecordingCallback callback = new RecordingCallback();
    PooledWrite write = start(lease, HTTP_2, callback);

    write.succeeded();

    assertThat(findings.violations()).isZero();
    assertThat(findings.writesWatched()).isEqualTo(1);
    assertThat(callback.succeededCalls()).isEqualTo(1);
    assertThat(log.entries()).isEmpty();
  }

  @Test
  void aWriteCompletedAfterItsLeaseWasReturnedIsReportedWithTheRequestAndTheArray() {
    Lease lease = lent();
    RecordingCallback callback = new RecordingCallback();
    PooledWrite write = start(lease, HTTP_2, callback);

    lease.release();
    write.succeeded();

    assertThat(findings.violations()).isEqualTo(1);
    assertThat(callback.succeededCalls()).isEqualTo(1);
    assertThat(log.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.level()).isEqualTo(Level.WARNING);
      assertThat(entry.message())
          .contains("completed a core write")
          .contains("GET /bytes/4096 over HTTP/2.0")
          .contains("byte[4096]@" + Integer.toHexString(System.identityHashCode(lease.array())))
          .contains("returned to the pool")
          .contains("poison pattern");
      assertThat(entry.thrown()).isInstanceOf(PooledWrite.WriteSite.class);
    });
  }

  @Test
  void laterViolationsOfTheSameKindAreCountedButNotLogged() {
    for (int i = 0; i < 3; i++) {
      Lease lease = lent();
      PooledWrite write = start(lease, HTTP_2, new RecordingCallback());
      lease.release();
      write.succeeded();
    }
    Lease other = lent();
    PooledWrite overHttp1 = start(other, "HTTP/1.1", new RecordingCallback());
    other.release();
    overHttp1.succeeded();

    assertThat(findings.violations()).isEqualTo(4);
    assertThat(log.entries()).hasSize(2);
    assertThat(log.entries().get(1).message()).contains("over HTTP/1.1");
  }

  @Test
  void aLeaseHandedOutAgainBeforeTheWriteCompletedIsReported() {
    Lease lease = lent();
    PooledWrite write = start(lease, HTTP_2, new RecordingCallback());

    lease.release();
    Lease again = pool.acquire(lease.capacity());
    write.succeeded();

    assertThat(again).as("the pool hands out the same lease object").isSameAs(lease);
    assertThat(findings.violations()).isEqualTo(1);
    assertThat(log.entries())
        .singleElement()
        .satisfies(entry -> assertThat(entry.message())
            .contains("handed out again")
            .contains("generation 0 when written, 1 now, held"));
  }

  @Test
  void aWriteCompletedAfterItsLeaseWasAbandonedIsNotReported() {
    Lease lease = lent();
    PooledWrite write = start(lease, HTTP_2, new RecordingCallback());

    // An abandoned array is neither poisoned nor reused, so a late reader harms nothing.
    lease.abandon();
    write.succeeded();

    assertThat(findings.violations()).isZero();
  }

  @Test
  void aFailedWriteAfterItsLeaseWasReturnedIsReportedAndTheFailureIsPassedOn() {
    Lease lease = lent();
    RecordingCallback callback = new RecordingCallback();
    PooledWrite write = start(lease, HTTP_2, callback);
    IOException reset = new IOException("stream reset");

    lease.release();
    write.failed(reset);

    assertThat(findings.violations()).isEqualTo(1);
    assertThat(callback.failure()).isSameAs(reset);
    assertThat(log.entries())
        .singleElement()
        .satisfies(entry -> assertThat(entry.message()).contains("the write failed"));
  }

  @Test
  void aWriteStartedAfterItsLeaseWasReturnedIsReportedOnceOnly() {
    Lease lease = lent();
    lease.release();

    PooledWrite write = start(lease, HTTP_2, new RecordingCallback());
    write.succeeded();

    assertThat(findings.violations()).isEqualTo(1);
    assertThat(log.entries())
        .singleElement()
        .satisfies(entry -> assertThat(entry.message()).contains("started a core write"));
  }

  @Test
  void writesPendingCountsTheWritesJettyHasNotCompleted() {
    PooledWrite first = start(lent(), HTTP_2, new RecordingCallback());
    start(lent(), HTTP_2, new RecordingCallback());

    first.succeeded();

    assertThat(findings.writesWatched()).isEqualTo(2);
    assertThat(findings.writesPending()).isEqualTo(1);
  }

  @Test
  void theReportNamesTheRegionWrittenAndWhetherItEndsTheBody() {
    Lease lease = lent();
    ByteBuffer content = ByteBuffer.wrap(lease.array(), 100, 200);
    PooledWrite write =
        new PooledWrite("GET /x", HTTP_2, lease, content, true, new RecordingCallback(), findings);
    findings.started(write);

    lease.release();
    write.succeeded();

    assertThat(log.entries())
        .singleElement()
        .satisfies(entry -> assertThat(entry.message())
            .contains("200 bytes at offset 100 of byte[4096]")
            .contains("the last write of the body"));
  }

  @Test
  void theCompletionReachesJettyEvenWhenReportingFails() {
    Findings failing = new Findings(new ThrowingLogger());
    Lease lease = lent();
    RecordingCallback callback = new RecordingCallback();
    PooledWrite write = new PooledWrite(
        "GET /x", HTTP_2, lease, ByteBuffer.wrap(lease.array()), false, callback, failing);
    failing.started(write);

    lease.release();
    try {
      write.succeeded();
    } catch (IllegalStateException expected) {
      // The logger's failure propagates; what matters is that Jetty's callback ran.
    }

    assertThat(callback.succeededCalls()).isEqualTo(1);
    assertThat(failing.writesPending()).isZero();
  }

  @Test
  void theCallbackKeepsTheInvocationTypeOfJettysCallback() {
    PooledWrite write = start(lent(), HTTP_2, new RecordingCallback());

    assertThat(write.getInvocationType()).isEqualTo(InvocationType.NON_BLOCKING);
  }

  /** A lease as a writer hands it to the container: lent. */
  private Lease lent() {
    Lease lease = pool.acquire(BufferPool.MIN_CAPACITY);
    lease.lend();
    return lease;
  }

  private PooledWrite start(Lease lease, String protocol, RecordingCallback callback) {
    PooledWrite write = new PooledWrite(
        "GET /bytes/4096",
        protocol,
        lease,
        ByteBuffer.wrap(lease.array()),
        false,
        callback,
        findings);
    findings.started(write);
    return write;
  }

  /** A logger whose every call fails. */
  private static final class ThrowingLogger implements System.Logger {
    @Override
    public String getName() {
      return RetentionWatch.LOGGER;
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
      throw new IllegalStateException("the log is broken");
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      throw new IllegalStateException("the log is broken");
    }
  }
}
