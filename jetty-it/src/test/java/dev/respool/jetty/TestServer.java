package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.demo.DemoServer;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Request;
import okhttp3.Response;

/** A demo server on loopback, started for one test class, and the requests tests make of it. */
final class TestServer {

  /** How often to ask for the counters while waiting for the last leases to come back. */
  private static final int STATS_POLLS = 50;

  private static final long STATS_POLL_MILLIS = 100;

  private final DemoServer demo;

  private TestServer(DemoServer demo) {
    this.demo = demo;
  }

  /**
   * Starts a server in {@code mode} on a free port of 127.0.0.1, and checks that the filter really
   * runs in that mode: a {@code respool.mode} system property would override it and make every
   * test of the class test something else.
   */
  static TestServer start(Mode mode) throws Exception {
    TestServer server = new TestServer(DemoServer.start("127.0.0.1", 0, mode));
    try {
      assertThat(server.stats().mode()).as("mode of the filter").isEqualTo(mode.id());
    } catch (Exception | AssertionError e) {
      server.stop();
      throw e;
    }
    return server;
  }

  /** The demo server, for requests the helpers here do not cover. */
  DemoServer demo() {
    return demo;
  }

  /** Fetches and hashes a body as fast as it arrives. */
  Received get(Wire wire, Io io, long length, long seed) throws IOException {
    return get(wire, io, length, seed, BodyClient.Pace.FULL_SPEED);
  }

  /** Fetches and hashes a body at {@code pace}. */
  Received get(Wire wire, Io io, long length, long seed, BodyClient.Pace pace) throws IOException {
    return BodyClient.get(demo.uri(), wire, io, length, seed, pace);
  }

  /** The filter's counters now. */
  RespoolStats stats() throws IOException {
    Request request =
        new Request.Builder().url(demo.uri().resolve("stats").toString()).build();
    try (Response response = Wire.HTTP_1_1.client().newCall(request).execute()) {
      String json = response.body().string();
      assertThat(response.code()).as("status of GET /stats: %s", json).isEqualTo(200);
      return StatsJson.parse(json);
    }
  }

  /**
   * Asserts that every lease came back, and returns the counters then. A non-blocking copy
   * settles its last lease when the container reports the end of the request, which may come
   * after the client read the last byte; so the counters are polled a bounded number of times.
   */
  RespoolStats assertLeasesReturned() throws IOException {
    RespoolStats stats = stats();
    for (int poll = 1; poll < STATS_POLLS && stats.leasesOut() != 0; poll++) {
      sleep(STATS_POLL_MILLIS);
      stats = stats();
    }
    assertThat(stats.leasesOut()).as("leases still out, in %s", stats).isZero();
    return stats;
  }

  /** Stops the server and frees its port. */
  void stop() throws Exception {
    demo.stop();
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
