package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.BytesServlet;
import dev.respool.testkit.Case;
import dev.respool.testkit.Io;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two large bodies on one h2c connection, both read slowly, and one of them reset (RST_STREAM
 * CANCEL) 2 MiB in: the other arrives byte for byte, the connection carries a third request, and
 * every lease of all three is returned or abandoned. A reset ends a stream while the container may
 * still hold its arrays, and the other stream's writes wait in the same connection's queue.
 *
 * <p>One server, one application per mode. Each test opens a connection of its own and resets
 * one stream on it, so that a server's defence against rapid resets never closes it. Where the
 * naive copy is not protected ({@code off} and {@code pool}), the stream that must arrive intact
 * is written by the honest non-blocking copy instead.
 */
public abstract class SharedConnectionResetSuite extends ContainerSuite {

  /** The reset body: large enough that the server still has most of it to write. */
  private static final long RESET_BODY = 32 * Case.MIB;

  /** Twice the 16 MiB that OkHttp buffers on a connection, so its writes wait on the reader. */
  private static final long NEIGHBOUR_BODY = 32 * Case.MIB;

  private static final long THIRD_BODY = Case.MIB;

  private static final long RESET_AT = 2 * Case.MIB;

  private static final long PAUSE_MILLIS = 1;

  private ServerUnderTest server;

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the one server, with an application per mode
   */
  protected SharedConnectionResetSuite(ServletContainer container) {
    super(container);
  }

  /** Starts one server with {@link BytesServlet} in an application per mode. */
  @Override
  protected void startServers() throws Exception {
    server = stopAfterAll(ModeApps.requireModes(
        container().start(ModeApps.of(() -> Map.of("/bytes/*", new BytesServlet())), 0)));
  }

  /** Every mode, with both streams written each way. */
  protected static Stream<Arguments> cases() {
    return Stream.of(Mode.values())
        .flatMap(mode -> Stream.of(Io.values()).map(io -> Arguments.of(mode, io)));
  }

  /**
   * The neighbour of a reset stream arrives exactly, the connection carries a third request, no
   * lease is left out, and the reset stream's pending lease was abandoned rather than returned.
   */
  @ParameterizedTest(name = "{0}, io={1}")
  @MethodSource("cases")
  public void aStreamResetMidBodySparesItsNeighbourAndItsConnectionAndLeavesNoLeaseOut(
      Mode mode, Io io) throws Exception {
    URI root = ModeApps.root(server, mode);
    Io honestIo = io == Io.NAIVE && (mode == Mode.OFF || mode == Mode.POOL) ? Io.ASYNC : io;
    long seed = 1000 + mode.ordinal() * 10L + io.ordinal() * 3L;
    RespoolStats before = StatsClient.assertLeasesReturned(ModeApps.stats(server, mode));
    ConnectionLog connections = new ConnectionLog();
    // A pool of its own, so that the three calls share a connection no other test has used.
    OkHttpClient client = Wire.H2C
        .client()
        .newBuilder()
        .connectionPool(new ConnectionPool())
        .eventListener(connections)
        .build();
    ExecutorService neighbourReader = Executors.newSingleThreadExecutor();
    try {
      Call reset = client.newCall(get(root, io, RESET_BODY, seed));
      Response resetResponse = reset.execute();
      Response neighbourResponse =
          client.newCall(get(root, honestIo, NEIGHBOUR_BODY, seed + 1)).execute();
      Future<CheckedBody> neighbour = neighbourReader.submit(() ->
          CheckedBody.read(neighbourResponse, honestIo, NEIGHBOUR_BODY, seed + 1, PAUSE_MILLIS));

      long readBeforeReset = readThenReset(reset, resetResponse);
      CheckedBody third;
      try (Response response =
          client.newCall(get(root, honestIo, THIRD_BODY, seed + 2)).execute()) {
        third = CheckedBody.read(response, honestIo, THIRD_BODY, seed + 2, 0);
      }
      CheckedBody neighbourBody = neighbour.get(2, TimeUnit.MINUTES);

      assertThat(readBeforeReset).isGreaterThanOrEqualTo(RESET_AT).isLessThan(RESET_BODY);
      neighbourBody.assertExact();
      third.assertExact();
      assertThat(connections.acquired())
          .as("connections the reset, neighbour and third calls used")
          .hasSize(3)
          .allSatisfy(c -> assertThat(c).isSameAs(connections.acquired().get(0)));
      RespoolStats stats = StatsClient.assertLeasesReturned(ModeApps.stats(server, mode));
      assertThat(stats.returned() + stats.abandoned())
          .as("returned and abandoned leases, in %s", stats)
          .isEqualTo(stats.acquires());
      if (usesLeases(mode, io)) {
        // The reset cut a write short: its lease may still be in the container's hands.
        assertThat(stats.abandoned())
            .as("leases abandoned after the reset, in %s", stats)
            .isGreaterThan(before.abandoned());
      }
    } finally {
      neighbourReader.shutdownNow();
      client.connectionPool().evictAll();
    }
  }

  /**
   * Whether a body written {@code io} goes out through leases: respool's own copies always do, and
   * the naive copy's arrays only where the filter copies caller arrays.
   */
  private static boolean usesLeases(Mode mode, Io io) {
    return io != Io.NAIVE || mode == Mode.COPY || mode == Mode.DETECT;
  }

  private static Request get(URI root, Io io, long length, long seed) {
    return new Request.Builder()
        .url(BodyClient.bytesUrl(root, io, length, seed))
        .build();
  }

  /** Reads slowly up to {@link #RESET_AT}, then cancels the call; returns the bytes read. */
  private static long readThenReset(Call call, Response response) throws IOException {
    long read = 0;
    try (response) {
      assertThat(response.code()).as("status of the body to reset").isEqualTo(200);
      InputStream body = response.body().byteStream();
      byte[] chunk = new byte[CheckedBody.READ_SIZE];
      for (int n = body.readNBytes(chunk, 0, chunk.length);
          n > 0 && read < RESET_AT;
          n = body.readNBytes(chunk, 0, chunk.length)) {
        read += n;
        CheckedBody.pause(PAUSE_MILLIS);
      }
      // On h2 this sends RST_STREAM with CANCEL for this stream only.
      call.cancel();
    } catch (IOException expectedAfterCancel) {
      // Closing a cancelled call may fail; what the server does next is the subject here.
    }
    return read;
  }
}
