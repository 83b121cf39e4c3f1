package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import java.io.IOException;
import java.net.URI;

/**
 * A running server that a test talks to over HTTP only, whatever the container: its root serves
 * {@link BytesServlet} at {@code /bytes/*} and {@link StatsServlet} at {@code /stats}, behind the
 * respool filter, over HTTP/1.1 and h2c on one port.
 *
 * <p>Only {@link #uri()} and {@link #stop()} depend on the container; the requests are the same
 * for all.
 */
public interface ServerUnderTest extends AutoCloseable {

  /** The server's root, ending in {@code /}, for example {@code http://127.0.0.1:8080/}. */
  URI uri();

  /**
   * Stops the server and frees its port.
   *
   * @throws Exception if the container fails to stop
   */
  void stop() throws Exception;

  /** Same as {@link #stop()}, for try-with-resources. */
  @Override
  default void close() throws Exception {
    stop();
  }

  /** Fetches and hashes a body as fast as it arrives; see {@link BodyClient#get}. */
  default Received get(Wire wire, Io io, long length, long seed) throws IOException {
    return get(wire, io, length, seed, BodyClient.Pace.FULL_SPEED);
  }

  /** Fetches and hashes a body at {@code pace}; see {@link BodyClient#get}. */
  default Received get(Wire wire, Io io, long length, long seed, BodyClient.Pace pace)
      throws IOException {
    return BodyClient.get(uri(), wire, io, length, seed, pace);
  }

  /** The filter's counters now, from {@code GET /stats}. */
  default RespoolStats stats() throws IOException {
    return StatsClient.read(uri().resolve("stats"));
  }

  /**
   * Asserts that every lease came back, waiting a bounded while for the last ones; see {@link
   * StatsClient#assertLeasesReturned}.
   */
  default RespoolStats assertLeasesReturned() throws IOException {
    return StatsClient.assertLeasesReturned(uri().resolve("stats"));
  }

  /**
   * Checks that the filter of a server just started really runs in {@code mode}, and stops the
   * server if not: a {@code respool.mode} system property would override the mode asked for and
   * make every test on the server test something else.
   *
   * @param server the server, just started
   * @param mode the mode it was started in
   * @return {@code server}
   * @throws AssertionError if the filter runs in another mode; the server is stopped then
   */
  static <S extends ServerUnderTest> S requireMode(S server, Mode mode) throws Exception {
    try {
      assertThat(server.stats().mode()).as("mode of the filter").isEqualTo(mode.id());
    } catch (Exception | AssertionError e) {
      server.stopAfter(e);
      throw e;
    }
    return server;
  }

  /**
   * Stops the server after {@code failure} made it useless, so that the failure is what the
   * caller sees: a failure to stop is added to it as suppressed instead of replacing it.
   *
   * @param failure the failure the caller is about to throw
   */
  default void stopAfter(Throwable failure) {
    try {
      stop();
    } catch (Exception stopFailure) {
      if (stopFailure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failure.addSuppressed(stopFailure);
    }
  }
}
