package dev.respool.spring;

import dev.respool.RespoolFilter;
import dev.respool.RespoolStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * The filter's counters as Micrometer meters. The names are stable:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code respool.leases.out}</td><td>gauge</td><td>leases acquired and neither
 *       returned nor abandoned</td></tr>
 *   <tr><td>{@code respool.pool.bytes}</td><td>gauge</td><td>bytes the pool keeps free</td></tr>
 *   <tr><td>{@code respool.pool.bytes.max}</td><td>gauge</td><td>the pool's bound</td></tr>
 *   <tr><td>{@code respool.acquires}</td><td>counter</td><td>leases handed out</td></tr>
 *   <tr><td>{@code respool.hits}</td><td>counter</td><td>acquires served by a kept array</td></tr>
 *   <tr><td>{@code respool.misses}</td><td>counter</td><td>acquires served by a new array</td></tr>
 *   <tr><td>{@code respool.leases.returned}</td><td>counter</td><td>leases given back</td></tr>
 *   <tr><td>{@code respool.leases.dropped}</td><td>counter</td><td>returned leases the pool did
 *       not keep, because of its bound or their size</td></tr>
 *   <tr><td>{@code respool.leases.abandoned}</td><td>counter</td><td>leases dropped because a
 *       writer might still hold their array</td></tr>
 *   <tr><td>{@code respool.defensive.copies}</td><td>counter</td><td>caller arrays copied into a
 *       lease</td></tr>
 *   <tr><td>{@code respool.detections}</td><td>counter</td><td>writes that changed their array
 *       too early (detect mode)</td></tr>
 *   <tr><td>{@code respool.leaks}</td><td>counter</td><td>leases still held when their request
 *       ended (detect mode)</td></tr>
 * </table>
 *
 * <p>Until the container has started the filter, every meter reads 0.
 */
public final class RespoolMetrics implements MeterBinder {

  private final RespoolFilter filter;

  /** Meters for {@code filter}, which may not be started yet. */
  public RespoolMetrics(RespoolFilter filter) {
    this.filter = filter;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "respool.leases.out", "leases", RespoolStats::leasesOut);
    gauge(registry, "respool.pool.bytes", "bytes", RespoolStats::pooledBytes);
    gauge(registry, "respool.pool.bytes.max", "bytes", RespoolStats::maxPooledBytes);
    counter(registry, "respool.acquires", "leases", RespoolStats::acquires);
    counter(registry, "respool.hits", "leases", RespoolStats::hits);
    counter(registry, "respool.misses", "leases", RespoolStats::misses);
    counter(registry, "respool.leases.returned", "leases", RespoolStats::returned);
    counter(registry, "respool.leases.dropped", "leases", RespoolStats::dropped);
    counter(registry, "respool.leases.abandoned", "leases", RespoolStats::abandoned);
    counter(registry, "respool.defensive.copies", "copies", RespoolStats::defensiveCopies);
    counter(registry, "respool.detections", "writes", RespoolStats::detections);
    counter(registry, "respool.leaks", "leases", RespoolStats::leaks);
  }

  private void gauge(
      MeterRegistry registry, String name, String unit, ToDoubleFunction<RespoolStats> value) {
    Gauge.builder(name, this, metrics -> metrics.read(value)).baseUnit(unit).register(registry);
  }

  private void counter(
      MeterRegistry registry, String name, String unit, ToDoubleFunction<RespoolStats> value) {
    FunctionCounter.builder(name, this, metrics -> metrics.read(value))
        .baseUnit(unit)
        .register(registry);
  }

  private double read(ToDoubleFunction<RespoolStats> value) {
    RespoolStats stats;
    try {
      stats = filter.respool().stats();
    } catch (IllegalStateException notStarted) {
      return 0;
    }
    return value.applyAsDouble(stats);
  }
}
