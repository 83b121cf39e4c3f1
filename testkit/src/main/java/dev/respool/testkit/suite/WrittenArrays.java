package dev.respool.testkit.suite;

/**
 * What a container does with the array passed to a non-blocking {@code write} once the call has
 * returned. It decides whether an application that refills its array at once corrupts its own
 * body where respool does not protect that array ({@code off}, and {@code pool}, which leaves
 * caller arrays alone); the suites that show this take it as a parameter. It records measured
 * facts about container versions, not promises: if a suite fails on it, the container changed.
 */
public enum WrittenArrays {

  /**
   * The container may read the array after {@code write} returned, until {@code isReady()}
   * returns true or {@code onWritePossible} runs. Measured on Jetty 12.1.14, ee10 and ee11 alike,
   * with a 16 KiB socket send buffer and a client reading 16 KiB per millisecond, in {@code off}
   * and {@code pool} mode: a naive copy of 4 MiB in 32 KiB writes arrived with 3.8 to 4.1 million
   * of its 4,194,304 bytes wrong over HTTP/1.1 and 33 thousand to 1 million over h2c; 64 refills
   * of a 64 KiB array left 4,161,536 bytes out of place over HTTP/1.1 and 1.6 to 2.9 million over
   * h2c.
   */
  READ_LATER,

  /**
   * The container copies the array, or sends it, before {@code write} returns, so a refill never
   * reaches the client. Measured on Tomcat 11.0.29 under the same conditions: every byte in
   * place, in every run.
   */
  COPIED_BY_WRITE
}
