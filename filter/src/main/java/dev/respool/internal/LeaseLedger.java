package dev.respool.internal;

import dev.respool.Lease;
import java.util.ArrayList;
import java.util.List;

/**
 * The leases acquired for one request in {@code detect} mode, checked when the request completes:
 * a lease still held or lent then is a leak, reported with the stack that acquired it.
 */
final class LeaseLedger {

  private final Detector detector;

  /** Guarded by this. */
  private final List<Entry> entries = new ArrayList<>();

  LeaseLedger(Detector detector) {
    this.detector = detector;
  }

  /** Remembers a lease just acquired, and where. */
  synchronized void record(Lease lease) {
    entries.add(new Entry(lease, lease.generation(), new Detector.AcquireSite()));
  }

  /** Reports each recorded lease still this request's and neither returned nor abandoned. */
  void check(String request) {
    List<Entry> pending;
    synchronized (this) {
      pending = new ArrayList<>(entries);
      entries.clear();
    }
    for (Entry entry : pending) {
      Lease lease = entry.lease;
      Lease.State state = lease.state();
      boolean leaked = lease.generation() == entry.generation
          && (state == Lease.State.HELD || state == Lease.State.LENT);
      if (leaked) {
        detector.leaked(lease, state, request, entry.site);
      }
    }
  }

  private record Entry(Lease lease, int generation, Detector.AcquireSite site) {}
}
