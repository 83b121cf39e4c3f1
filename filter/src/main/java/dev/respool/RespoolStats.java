package dev.respool;

/**
 * A snapshot of one filter's counters: its pool's, and those of its guarded responses.
 *
 * @param mode the filter's {@linkplain Mode#id() mode}
 * @param leasesOut leases acquired and neither returned nor abandoned yet
 * @param acquires leases handed out
 * @param hits acquires served by an array the pool kept
 * @param misses acquires served by a fresh array
 * @param returned leases given back, including those the pool then dropped
 * @param dropped returned leases the pool did not keep, because of its bound or their size
 * @param abandoned leases dropped because a writer might still hold their array
 * @param pooledBytes bytes kept in the pool now
 * @param maxPooledBytes the bound on {@code pooledBytes}
 * @param defensiveCopies caller arrays copied into a lease before they reached the container
 * @param detections caller arrays found changed before their release signal ({@code detect} mode)
 * @param leaks leases a request left held or lent when it completed ({@code detect} mode)
 */
public record RespoolStats(
    String mode,
    long leasesOut,
    long acquires,
    long hits,
    long misses,
    long returned,
    long dropped,
    long abandoned,
    long pooledBytes,
    long maxPooledBytes,
    long defensiveCopies,
    long detections,
    long leaks) {}
