package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.internal.FakeExchange;
import dev.respool.internal.LogCapture;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Detect mode reports leases that an application took for a request and never gave back. */
class LeakReportTest {

  private final LogCapture log = LogCapture.of("dev.respool.detect");
  private final RespoolFilter filter =
      new RespoolFilter(new Respool(Mode.DETECT, new BufferPool(1 << 20, true)));

  @AfterEach
  void stopCapture() {
    log.close();
  }

  /** The faulty servlet: it takes a lease for its response and forgets it. */
  private static Lease leakALease(ServletRequest request, ServletResponse response) {
    return Respool.lease((HttpServletRequest) request, (HttpServletResponse) response, 100);
  }

  @Test
  void aLeaseLeftHeldIsReportedWithTheRequestAndTheStackThatTookIt() throws Exception {
    FakeExchange exchange = new FakeExchange("GET", "/files/a.bin", "part=2");

    filter.doFilter(exchange.request(), exchange.response(), LeakReportTest::leakALease);

    assertThat(filter.respool().stats().leaks()).isEqualTo(1);
    assertThat(log.records()).hasSize(1);
    LogRecord record = log.records().get(0);
    assertThat(record.getLevel()).isEqualTo(Level.WARNING);
    assertThat(LogCapture.message(record))
        .startsWith("respool detect: a lease of byte[4096] acquired for GET /files/a.bin?part=2"
            + " was still held when the request completed");
    StackTraceElement top = record.getThrown().getStackTrace()[0];
    assertThat(top.getClassName()).isEqualTo(LeakReportTest.class.getName());
    assertThat(top.getMethodName()).isEqualTo("leakALease");
  }

  @Test
  void laterLeaksFromTheSameSiteAreCountedButNotLoggedAgain() throws Exception {
    for (int i = 0; i < 3; i++) {
      FakeExchange exchange = new FakeExchange();
      filter.doFilter(exchange.request(), exchange.response(), LeakReportTest::leakALease);
    }

    assertThat(filter.respool().stats().leaks()).isEqualTo(3);
    assertThat(log.records()).hasSize(1);
  }

  @Test
  void aLentLeaseOfARequestWithoutQueryIsReportedAsLent() throws Exception {
    FakeExchange exchange = new FakeExchange("POST", "/upload", null);

    filter.doFilter(
        exchange.request(), exchange.response(), (r, s) -> leakALease(r, s).lend());

    assertThat(LogCapture.message(log.records().get(0)))
        .contains("acquired for POST /upload was still lent when");
  }

  @Test
  void aLeaseGivenBackInTimeIsNoLeak() throws Exception {
    FakeExchange exchange = new FakeExchange();

    filter.doFilter(
        exchange.request(), exchange.response(), (r, s) -> leakALease(r, s).release());

    assertThat(filter.respool().stats().leaks()).isZero();
    assertThat(log.records()).isEmpty();
  }

  @Test
  void aLeaseTakenOutsideTheFilterComesFromTheRuntimesPoolUntracked() {
    FakeExchange exchange = new FakeExchange();
    exchange.request().setAttribute(Respool.ATTRIBUTE, filter.respool());

    Lease lease = leakALease(exchange.request(), exchange.response());

    assertThat(lease.capacity()).isEqualTo(BufferPool.MIN_CAPACITY);
    assertThat(filter.respool().pool().stats().acquires()).isEqualTo(1);
    assertThat(filter.respool().stats().leaks()).isZero();
  }
}
