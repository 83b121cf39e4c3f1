package dev.respool.testkit.suite;

import java.time.Duration;

/**
 * How large a soak is. The build runs a short one; system properties make it the full one, with
 * the same code:
 *
 * <table>
 *   <caption>Soak properties</caption>
 *   <tr><th>property</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@value #REQUESTS}</td><td>requests in all</td><td>1000</td></tr>
 *   <tr><td>{@value #MAX_BODY}</td><td>the largest body, in bytes, at least 1 MiB</td>
 *       <td>1048576</td></tr>
 *   <tr><td>{@value #CONCURRENCY}</td><td>clients at once</td><td>64</td></tr>
 *   <tr><td>{@value #SEED}</td><td>the seed every request is drawn from</td><td>1</td></tr>
 *   <tr><td>{@value #ONLY}</td><td>run only the request of this index, to replay it</td>
 *       <td>all</td></tr>
 *   <tr><td>{@value #MINUTES}</td><td>the bound on the whole run</td><td>30</td></tr>
 * </table>
 *
 * @param requests the number of requests planned
 * @param maxBody the largest body length drawn
 * @param concurrency how many clients run at once
 * @param seed the seed of the plan
 * @param only the index of the one request to run, or -1 for all
 * @param timeLimit the bound on the run; requests not started by then are not run, and the soak
 *     fails
 */
record SoakSettings(
    int requests, long maxBody, int concurrency, long seed, int only, Duration timeLimit) {

  static final String REQUESTS = "respool.soak.requests";
  static final String MAX_BODY = "respool.soak.maxBody";
  static final String CONCURRENCY = "respool.soak.concurrency";
  static final String SEED = "respool.soak.seed";
  static final String ONLY = "respool.soak.only";
  static final String MINUTES = "respool.soak.minutes";

  /** The least largest body: stalled bodies come from its upper half, larger than buffers. */
  static final long MIN_MAX_BODY = 1024 * 1024;

  /**
   * How long a connection, or an h2 stream, may make no progress before the server gives up.
   * Short, so that stalls end soon; not shorter, because on two busy cores Tomcat then also gave
   * up on a few clients that were reading, only slowly (at 2 s, in some full soaks).
   */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);

  /** How long a stalled client stops reading: well past the idle timeout. */
  static final Duration STALL = IDLE_TIMEOUT.multipliedBy(5).dividedBy(2);

  /**
   * The server's socket send buffer. Small enough that the server's writes wait for a client that
   * stops reading, instead of filling megabytes of kernel buffer first.
   */
  static final int SEND_BUFFER = 64 * 1024;

  /**
   * The filter's bound on pooled bytes: below what 64 clients at once lease, so that the pool
   * works at its bound for most of the run instead of far beneath it.
   */
  static final long MAX_POOLED_BYTES = 1024 * 1024;

  /** Requests in a thousand whose client goes away in the middle of the body. */
  static final int ABORTS_PER_MILLE = 100;

  /** Requests in a thousand whose client stops reading for {@link #STALL}. */
  static final int STALLS_PER_MILLE = 5;

  /** Checks the ranges, so that a mistyped property fails the soak before it starts. */
  SoakSettings {
    check(REQUESTS, requests, 1, 1_000_000);
    check(MAX_BODY, maxBody, MIN_MAX_BODY, 1L << 30);
    check(CONCURRENCY, concurrency, 1, 256);
    check(ONLY, only, -1, requests - 1);
    check(MINUTES, timeLimit.toMinutes(), 1, 24 * 60);
  }

  /** The settings from the system properties, with the build's defaults for those not set. */
  static SoakSettings fromSystemProperties() {
    return new SoakSettings(
        (int) property(REQUESTS, 1000),
        property(MAX_BODY, MIN_MAX_BODY),
        (int) property(CONCURRENCY, 64),
        property(SEED, 1),
        (int) property(ONLY, -1),
        Duration.ofMinutes(property(MINUTES, 30)));
  }

  /** The properties that reproduce this run, as Maven takes them. */
  String asProperties() {
    return "-D" + REQUESTS + "=" + requests + " -D" + MAX_BODY + "=" + maxBody + " -D" + CONCURRENCY
        + "=" + concurrency + " -D" + SEED + "=" + seed
        + (only < 0 ? "" : " -D" + ONLY + "=" + only);
  }

  private static long property(String name, long fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }

  private static void check(String name, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be from " + min + " to " + max + ", got " + value);
    }
  }
}
