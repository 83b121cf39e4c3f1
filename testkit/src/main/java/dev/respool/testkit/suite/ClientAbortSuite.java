package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.Io;
import dev.respool.testkit.Received;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
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
 * A client that goes away in the middle of a body (on h2c: a reset stream) leaves no lease out,
 * and a response sent at the same time stays byte-exact. One server per mode.
 */
public abstract class ClientAbortSuite extends ContainerSuite {

  private static final long BODY = 64L * 1024 * 1024;
  private static final int READ_BEFORE_ABORT = 1024 * 1024;

  private final Map<Mode, ServerUnderTest> servers = new EnumMap<>(Mode.class);

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the servers
   */
  protected ClientAbortSuite(ServletContainer container) {
    super(container);
  }

  /** Starts a demo server in every mode. */
  @Override
  protected void startServers() throws Exception {
    for (Mode mode : Mode.values()) {
      servers.put(mode, stopAfterAll(container().startDemo(mode)));
    }
  }

  /** Every mode, over both protocols, for each way of writing. */
  protected static Stream<Arguments> cases() {
    return Stream.of(Mode.values())
        .flatMap(mode -> Stream.of(Wire.values())
            .flatMap(wire -> Stream.of(Io.values()).map(io -> Arguments.of(mode, wire, io))));
  }

  /**
   * A body aborted after its first MiB leaves every lease returned or abandoned, and a body sent
   * alongside it on the same server arrives intact.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  public void anAbortedBodyLeavesNoLeaseOutAndSparesItsNeighbour(Mode mode, Wire wire, Io io)
      throws Exception {
    ServerUnderTest server = servers.get(mode);
    ExecutorService neighbour = Executors.newSingleThreadExecutor();
    try {
      // Only copy and detect protect the naive copy's own array; elsewhere its neighbour is honest.
      Io neighbourIo = io == Io.NAIVE && (mode == Mode.OFF || mode == Mode.POOL) ? Io.ASYNC : io;
      Future<Received> whole = neighbour.submit(
          () -> server.get(wire, neighbourIo, 4L * 1024 * 1024, io.ordinal() + 40));

      long read = readThenAbort(server, wire, io);
      Received received = whole.get(2, TimeUnit.MINUTES);

      assertThat(read).isGreaterThanOrEqualTo(READ_BEFORE_ABORT);
      received.assertIntact();
      RespoolStats stats = server.assertLeasesReturned();
      assertThat(stats.returned() + stats.abandoned()).isEqualTo(stats.acquires());
    } finally {
      neighbour.shutdownNow();
    }
  }

  /** Reads the first MiB of a 64 MiB body, then cancels the call; returns the bytes read. */
  private static long readThenAbort(ServerUnderTest server, Wire wire, Io io) throws IOException {
    Request request = new Request.Builder()
        .url(BodyClient.bytesUrl(server.uri(), io, BODY, io.ordinal()))
        .build();
    // A connection of its own: servers defend against rapid resets (Jetty's HTTP/2 rate control,
    // Tomcat's overhead protection) and may close a connection whose client keeps cancelling
    // streams; the neighbour's bytes are what this test checks, not that policy.
    OkHttpClient client =
        wire.client().newBuilder().connectionPool(new ConnectionPool()).build();
    Call call = client.newCall(request);
    long read = 0;
    try (Response response = call.execute()) {
      assertThat(response.code()).isEqualTo(200);
      InputStream body = response.body().byteStream();
      byte[] chunk = new byte[16 * 1024];
      while (read < READ_BEFORE_ABORT) {
        int n = body.read(chunk);
        if (n < 0) {
          break;
        }
        read += n;
      }
      call.cancel();
    } catch (IOException expectedAfterCancel) {
      // Closing a cancelled call may fail; the server side is what this test is about.
    } finally {
      client.connectionPool().evictAll();
    }
    return read;
  }
}
