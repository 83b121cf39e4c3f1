package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolStats;
import dev.respool.demo.DemoServer;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.CorruptionCounter;
import dev.respool.testkit.Io;
import dev.respool.testkit.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What happens to leases when the server stops in the middle of writes, and when a client stalls
 * past the idle timeout: each lease is returned or abandoned, none stays out, and none that a
 * write may still hold goes back to the pool.
 */
class ServerEventsIT {

  private static final long BODY = 64L * 1024 * 1024;

  @ParameterizedTest
  @EnumSource(
      value = Mode.class,
      names = {"COPY", "DETECT", "POOL"})
  void aServerStoppedDuringWritesLeavesNoLeaseOut(Mode mode) throws Exception {
    DemoServer server =
        DemoServer.start("127.0.0.1", 0, mode, c -> c.setAcceptedSendBufferSize(16 * 1024));
    ExecutorService clients = Executors.newFixedThreadPool(4);
    CountDownLatch started = new CountDownLatch(4);
    // Read before the stop: a stopped server no longer holds its filter.
    Respool respool = server.respool();
    List<Future<Long>> reads = new ArrayList<>();
    try {
      for (Wire wire : Wire.values()) {
        for (Io io : new Io[] {Io.BLOCKING, Io.ASYNC}) {
          reads.add(clients.submit(() -> readSlowlyUntilCut(server, wire, io, started)));
        }
      }
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

      server.stop();

      for (Future<Long> read : reads) {
        assertThat(read.get(1, TimeUnit.MINUTES)).isLessThan(BODY);
      }
      RespoolStats stats = leasesBack(respool);
      assertThat(stats.acquires()).isPositive();
    } finally {
      clients.shutdownNow();
      server.stop();
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aClientStalledPastTheIdleTimeoutLeavesNoLeaseOut(Wire wire) throws Exception {
    DemoServer server = DemoServer.start("127.0.0.1", 0, Mode.DETECT, c -> {
      c.setAcceptedSendBufferSize(16 * 1024);
      c.setIdleTimeout(300);
    });
    try {
      for (Io io : new Io[] {Io.BLOCKING, Io.ASYNC, Io.NAIVE}) {
        Request request = new Request.Builder()
            .url(BodyClient.bytesUrl(server.uri(), io, BODY, 5))
            .build();
        OkHttpClient client =
            wire.client().newBuilder().connectionPool(new ConnectionPool()).build();
        CorruptionCounter received = new CorruptionCounter(BODY, 5);
        byte[] chunk = new byte[64 * 1024];
        try (Response response = client.newCall(request).execute()) {
          InputStream body = response.body().byteStream();
          for (int reads = 0; reads < 10_000; reads++) {
            int n = body.readNBytes(chunk, 0, chunk.length);
            if (n == 0) {
              break;
            }
            received.update(chunk, 0, n);
            if (reads == 16) {
              // Longer than the idle timeout: the server may give up on this response.
              Thread.sleep(1_500);
            }
          }
        } catch (IOException expectedIfTheServerGaveUp) {
          // The client learns of it when it resumes reading.
        } finally {
          client.connectionPool().evictAll();
        }
        // Cut short or whole, what arrived is exact.
        assertThat(received.corrupted()).as("%s: %s", io, received).isZero();
      }

      leasesBack(server.respool());
      // The server still serves the next client exactly.
      BodyClient.get(server.uri(), wire, Io.ASYNC, 1024 * 1024, 6, BodyClient.Pace.FULL_SPEED)
          .assertIntact();
    } finally {
      server.stop();
    }
  }

  /** Reads 16 KiB at a time with a pause, until the server cuts the response. */
  private static long readSlowlyUntilCut(
      DemoServer server, Wire wire, Io io, CountDownLatch started) throws IOException {
    Request request = new Request.Builder()
        .url(BodyClient.bytesUrl(server.uri(), io, BODY, 7))
        .build();
    OkHttpClient client =
        wire.client().newBuilder().connectionPool(new ConnectionPool()).build();
    long read = 0;
    try (Response response = client.newCall(request).execute()) {
      InputStream body = response.body().byteStream();
      byte[] chunk = new byte[16 * 1024];
      for (int reads = 0; reads < 10_000; reads++) {
        int n = body.readNBytes(chunk, 0, chunk.length);
        if (n == 0) {
          break;
        }
        read += n;
        if (read >= 1024 * 1024 && read - n < 1024 * 1024) {
          started.countDown();
        }
        Thread.sleep(1);
      }
    } catch (IOException | InterruptedException expectedWhenTheServerStops) {
      // The server went away in the middle of the body.
    } finally {
      client.connectionPool().evictAll();
    }
    return read;
  }

  private static RespoolStats leasesBack(Respool respool) throws InterruptedException {
    RespoolStats stats = respool.stats();
    for (int poll = 0; poll < 100 && stats.leasesOut() != 0; poll++) {
      Thread.sleep(100);
      stats = respool.stats();
    }
    assertThat(stats.leasesOut()).as("leases out in %s", stats).isZero();
    return stats;
  }
}
