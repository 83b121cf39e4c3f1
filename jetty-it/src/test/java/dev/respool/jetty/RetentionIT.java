package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.demo.DemoServer;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.CorruptionCounter;
import dev.respool.testkit.Io;
import dev.respool.testkit.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The originating bug, reproduced on Jetty and then prevented. The naive copy refills its array as
 * soon as {@code write} returns; Jetty, in non-blocking mode, reads that array later. A 16 KiB
 * send buffer and a client that reads slowly keep Jetty's writes pending, so the refill lands
 * under them. Without protection ({@code off}, and {@code pool}, which leaves caller arrays alone)
 * the body arrives corrupted; {@code copy} and {@code detect} deliver it exactly, and {@code
 * detect} reports every refill.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIT {

  /** 128 naive writes of 32 KiB. */
  private static final long BODY = 4L * 1024 * 1024;

  private static final int NAIVE_CHUNK = 32 * 1024;

  private final Map<Mode, DemoServer> servers = new EnumMap<>(Mode.class);

  @BeforeAll
  void startServers() throws Exception {
    for (Mode mode : Mode.values()) {
      servers.put(
          mode,
          DemoServer.start(
              "127.0.0.1", 0, mode, connector -> connector.setAcceptedSendBufferSize(16 * 1024)));
    }
  }

  @AfterAll
  void stopServers() throws Exception {
    for (DemoServer server : servers.values()) {
      server.stop();
    }
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void withoutTheFilterTheNaiveCopyCorruptsItsBody(Wire wire) throws Exception {
    CorruptionCounter received = fetchSlowly(servers.get(Mode.OFF), wire, Io.NAIVE, 11);

    assertThat(received.received()).isEqualTo(BODY);
    assertThat(received.corrupted())
        .as("corrupted bytes in mode off: %s", received)
        .isPositive();
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void poolModeLeavesTheCallersOwnArrayUnprotected(Wire wire) throws Exception {
    CorruptionCounter received = fetchSlowly(servers.get(Mode.POOL), wire, Io.NAIVE, 12);

    assertThat(received.corrupted())
        .as("corrupted bytes in mode pool: %s", received)
        .isPositive();
    assertLeasesReturned(servers.get(Mode.POOL));
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void copyModeDeliversTheNaiveCopyExactly(Wire wire) throws Exception {
    CorruptionCounter received = fetchSlowly(servers.get(Mode.COPY), wire, Io.NAIVE, 13);

    assertThat(received.exact()).as("mode copy: %s", received).isTrue();
    assertLeasesReturned(servers.get(Mode.COPY));
  }

  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void respoolsOwnCopiesAreExactInEveryMode(Wire wire) throws Exception {
    for (Mode mode : Mode.values()) {
      for (Io io : new Io[] {Io.BLOCKING, Io.ASYNC}) {
        CorruptionCounter received = fetchSlowly(servers.get(mode), wire, io, 14);

        assertThat(received.exact())
            .as("mode %s, io %s: %s", mode, io, received)
            .isTrue();
      }
      assertLeasesReturned(servers.get(mode));
    }
  }

  /** Each naive write but the last is followed at once by a refill: every one is reported. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  void detectModeReportsEveryRefillAndStillDeliversExactly(Wire wire) throws Exception {
    DemoServer server = servers.get(Mode.DETECT);
    long before = assertLeasesReturned(server).detections();

    CorruptionCounter received = fetchSlowly(server, wire, Io.NAIVE, 15);

    assertThat(received.exact()).as("mode detect: %s", received).isTrue();
    long writes = (BODY + NAIVE_CHUNK - 1) / NAIVE_CHUNK;
    assertThat(assertLeasesReturned(server).detections() - before).isEqualTo(writes - 1);
  }

  /** Reads the body 16 KiB at a time with a pause after each read, counting corrupted bytes. */
  private static CorruptionCounter fetchSlowly(DemoServer server, Wire wire, Io io, long seed)
      throws IOException, InterruptedException {
    Request request = new Request.Builder()
        .url(BodyClient.bytesUrl(server.uri(), io, BODY, seed))
        .build();
    CorruptionCounter counter = new CorruptionCounter(BODY, seed);
    try (Response response = wire.client().newCall(request).execute()) {
      assertThat(response.code()).isEqualTo(200);
      InputStream body = response.body().byteStream();
      byte[] chunk = new byte[16 * 1024];
      for (int reads = 0; reads < 1_000_000; reads++) {
        int n = body.readNBytes(chunk, 0, chunk.length);
        if (n == 0) {
          break;
        }
        counter.update(chunk, 0, n);
        Thread.sleep(1);
      }
    }
    return counter;
  }

  /** Waits, a bounded number of times, for the last lease to come back after a response. */
  private static RespoolStats assertLeasesReturned(DemoServer server) throws InterruptedException {
    RespoolStats stats = server.respool().stats();
    for (int poll = 0; poll < 50 && stats.leasesOut() != 0; poll++) {
      Thread.sleep(100);
      stats = server.respool().stats();
    }
    assertThat(stats.leasesOut()).as("leases out in %s", stats).isZero();
    return stats;
  }
}
