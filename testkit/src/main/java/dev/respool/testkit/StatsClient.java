package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.RespoolStats;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads a filter's counters from {@link StatsServlet} over HTTP, so that a test needs no handle
 * on the filter inside the container.
 */
public final class StatsClient {

  /**
   * How often to ask for the counters while waiting for the last leases to come back: 10 s in all,
   * since a lease lent to a write that an aborted client left pending comes back only when the
   * container fails that write, which may take as long as the container's own write timeout.
   */
  private static final int POLLS = 100;

  private static final long POLL_MILLIS = 100;

  private StatsClient() {}

  /**
   * The counters now.
   *
   * @param stats the URL that {@link StatsServlet} answers, for example {@code
   *     http://127.0.0.1:8080/stats}
   * @throws IOException if the exchange fails
   * @throws AssertionError if the status is not 200
   */
  public static RespoolStats read(URI stats) throws IOException {
    Request request = new Request.Builder().url(stats.toString()).build();
    try (Response response = Wire.HTTP_1_1.client().newCall(request).execute()) {
      String json = response.body().string();
      assertThat(response.code()).as("status of GET %s: %s", stats, json).isEqualTo(200);
      return StatsJson.parse(json);
    }
  }

  /**
   * Asserts that every lease came back, and returns the counters then. A non-blocking copy
   * settles its last lease when the container reports the end of the request, which may come
   * after the client read the last byte; so the counters are polled a bounded number of times, and
   * a passing check costs only the polls it needed.
   *
   * @param stats as for {@link #read}
   * @throws AssertionError if leases are still out after the last poll
   */
  public static RespoolStats assertLeasesReturned(URI stats) throws IOException {
    RespoolStats counters = read(stats);
    for (int poll = 1; poll < POLLS && counters.leasesOut() != 0; poll++) {
      sleep(POLL_MILLIS);
      counters = read(stats);
    }
    assertThat(counters.leasesOut()).as("leases still out, in %s", counters).isZero();
    return counters;
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for leases to come back");
    }
  }
}
