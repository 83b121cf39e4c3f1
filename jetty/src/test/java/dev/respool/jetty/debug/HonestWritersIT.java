package dev.respool.jetty.debug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.testkit.BytesServlet;
import dev.respool.testkit.Io;
import dev.respool.testkit.ReprDigest;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's bodies, served through respool in {@code detect} mode on Jetty 12.1 and watched:
 * respool's own copies hand Jetty pooled arrays, and Jetty must be done with each before its
 * release signal.
 */
class HonestWritersIT {

  private static final long MIB = 1024 * 1024;

  private static WatchedServer server;

  @BeforeAll
  static void start() throws Exception {
    server = WatchedServer.start(Mode.DETECT, Map.of("/bytes/*", new BytesServlet()), 0);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  static Stream<Arguments> bodies() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Protocol protocol : Clients.PROTOCOLS) {
      for (Io io : new Io[] {Io.BLOCKING, Io.ASYNC}) {
        for (long length : new long[] {MIB, 16 * MIB}) {
          cases.add(Arguments.of(protocol, io, length));
        }
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{2} bytes, io={1}, over {0}")
  @MethodSource("bodies")
  void jettyIsDoneWithEveryPooledArrayBeforeItsReleaseSignal(Protocol protocol, Io io, long length)
      throws Exception {
    RetentionWatch watch = server.watch();
    long watchedBefore = watch.writesWatched();
    long violationsBefore = watch.violations();
    long seed = length + io.ordinal();
    HttpUrl url = server
        .root()
        .newBuilder()
        .addPathSegments("bytes/" + length)
        .addQueryParameter("seed", Long.toString(seed))
        .addQueryParameter("io", io.id())
        .build();

    Fetch.Fetched fetched = Clients.of(protocol).get(url, length, seed, null);

    assertThat(server.awaitWritesCompleted(1_000))
        .as("every watched write completed")
        .isTrue();
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.protocol()).isEqualTo(protocol);
    assertThat(fetched.reprDigest()).isEqualTo(ReprDigest.forBody(length, seed));
    assertThat(fetched.body().exact()).as("body: %s", fetched.body()).isTrue();
    assertThat(watch.writesWatched() - watchedBefore)
        .as("core writes of pooled arrays watched for this body")
        .isPositive();
    assertThat(watch.violations() - violationsBefore).isZero();
  }
}
