package dev.respool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.BufferPool;
import dev.respool.DetectAction;
import dev.respool.Lease;
import org.junit.jupiter.api.Test;

class LeaseLedgerTest {

  private final BufferPool pool = new BufferPool();
  private final Detector detector = new Detector(true, DetectAction.LOG);
  private final LeaseLedger ledger = detector.newLedger();

  @Test
  void heldAndLentLeasesAreLeaks() {
    ledger.record(pool.acquire(100));
    Lease lent = pool.acquire(100);
    lent.lend();
    ledger.record(lent);

    ledger.check("GET /test");

    assertThat(detector.leaks()).isEqualTo(2);
  }

  @Test
  void returnedAndAbandonedLeasesAreNot() {
    Lease returned = pool.acquire(100);
    Lease abandoned = pool.acquire(100);
    ledger.record(returned);
    ledger.record(abandoned);
    returned.release();
    abandoned.abandon();

    ledger.check("GET /test");

    assertThat(detector.leaks()).isZero();
  }

  @Test
  void aLeaseReturnedAndHandedToAnotherRequestIsNotThisRequestsLeak() {
    Lease lease = pool.acquire(100);
    ledger.record(lease);
    lease.release();

    Lease again = pool.acquire(100);
    ledger.check("GET /test");

    assertThat(again).isSameAs(lease);
    assertThat(again.state()).isEqualTo(Lease.State.HELD);
    assertThat(detector.leaks()).isZero();
  }

  @Test
  void aLedgerIsCheckedOnce() {
    ledger.record(pool.acquire(100));

    ledger.check("GET /test");
    ledger.check("GET /test");

    assertThat(detector.leaks()).isEqualTo(1);
  }

  @Test
  void withDetectionOffThereIsNoLedger() {
    assertThat(new Detector(false, DetectAction.LOG).newLedger()).isNull();
  }
}
