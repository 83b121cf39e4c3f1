package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Looks inside a pool's stripes, for tests that check its slots against its counts. */
final class PoolSlots {

  private PoolSlots() {}

  /** Checks each stripe's slots against its counts, under its monitor. */
  static void check(BufferPool pool) {
    try {
      Field stripesField = BufferPool.class.getDeclaredField("stripes");
      stripesField.setAccessible(true);
      Field slotsField = Stripe.class.getDeclaredField("slots");
      slotsField.setAccessible(true);
      Field keptField = Stripe.class.getDeclaredField("keptBytes");
      keptField.setAccessible(true);
      Field maxField = Stripe.class.getDeclaredField("maxBytes");
      maxField.setAccessible(true);
      Field limitsField = Stripe.class.getDeclaredField("limits");
      limitsField.setAccessible(true);
      long total = 0;
      Set<Lease> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      for (Stripe stripe : (Stripe[]) stripesField.get(pool)) {
        synchronized (stripe) {
          Lease[][] slots = (Lease[][]) slotsField.get(stripe);
          int[] limits = (int[]) limitsField.get(stripe);
          long bytes = 0;
          for (int c = 0; c < slots.length; c++) {
            for (int i = 0; i < slots[c].length; i++) {
              Lease lease = slots[c][i];
              if (lease == null) {
                continue;
              }
              assertThat(seen.add(lease)).as("lease in two slots").isTrue();
              assertThat(lease.stripe).isSameAs(stripe);
              assertThat(lease.sizeClass).isEqualTo(c);
              assertThat(lease.slot).isEqualTo(i).isLessThan(limits[c]);
              assertThat(Lease.stateOf(lease.word())).isNotEqualTo(Lease.EVICTED);
              bytes += lease.capacity();
            }
          }
          assertThat(bytes).isEqualTo(keptField.getLong(stripe));
          assertThat(bytes).isLessThanOrEqualTo(maxField.getLong(stripe));
          total += bytes;
        }
      }
      assertThat(total).isLessThanOrEqualTo(pool.maxPooledBytes());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The free kept arrays that are not all poison; call it when no lease moves. */
  static int freeArraysNotPoisoned(BufferPool pool) {
    int dirty = 0;
    try {
      Field stripesField = BufferPool.class.getDeclaredField("stripes");
      stripesField.setAccessible(true);
      Field slotsField = Stripe.class.getDeclaredField("slots");
      slotsField.setAccessible(true);
      for (Stripe stripe : (Stripe[]) stripesField.get(pool)) {
        for (Lease[] row : (Lease[][]) slotsField.get(stripe)) {
          for (Lease lease : row) {
            if (lease != null
                && Lease.stateOf(lease.word()) == Lease.RETURNED
                && !BufferPool.isPoisoned(lease.array(), 0, lease.capacity())) {
              dirty++;
            }
          }
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    return dirty;
  }
}
