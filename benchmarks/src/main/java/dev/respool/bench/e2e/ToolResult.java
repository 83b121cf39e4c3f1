package dev.respool.bench.e2e;

/**
 * What a load tool reported for one measured window.
 *
 * @param requestsPerSecond completed requests per second, as the tool computed it
 * @param p99Millis the 99th percentile of the request latency in milliseconds, or NaN when no
 *     request completed
 * @param requests the requests the tool completed in the window
 * @param errors requests or connections that failed: non-2xx responses, socket errors, timeouts
 * @param errorDetail the tool's error counters, for the record
 */
record ToolResult(
    double requestsPerSecond, double p99Millis, long requests, long errors, String errorDetail) {}
