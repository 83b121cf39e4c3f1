package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.Case;
import dev.respool.testkit.Io;
import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.Wire;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The default mode: caller arrays written in non-blocking mode are copied into leases, so even the
 * naive copy, which refills its array as soon as write returns, sends intact bodies.
 */
public abstract class CopyModeSuite extends ModeSuite {

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the server
   */
  protected CopyModeSuite(ServletContainer container) {
    super(container, Mode.COPY, Io.BLOCKING, Io.ASYNC, Io.NAIVE);
  }

  /** The naive copy's arrays are copied, which the counters show. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void naiveWritesAreCopiedIntoLeasesBeforeTheContainerSeesThem(Wire wire) throws Exception {
    RespoolStats before = server.assertLeasesReturned();

    server.get(wire, Io.NAIVE, Case.MIB, 31).assertIntact();

    RespoolStats after = server.assertLeasesReturned();
    assertThat(after.defensiveCopies())
        .as("defensive copies after a naive 1 MiB copy, in %s", after)
        .isGreaterThan(before.defensiveCopies());
  }

  /** {@code HEAD} through the guarded response sends the headers of {@code GET} and no body. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void headSendsTheHeadersOfGetAndNoBody(Wire wire) throws Exception {
    long seed = 47;
    Request head = new Request.Builder()
        .url(BodyClient.bytesUrl(server.uri(), Io.BLOCKING, Case.MIB, seed))
        .head()
        .build();

    try (Response response = wire.client().newCall(head).execute()) {
      assertThat(response.code()).as("status of HEAD").isEqualTo(200);
      assertThat(response.protocol()).as("protocol of HEAD").isEqualTo(wire.protocol());
      assertThat(response.header("Content-Length"))
          .as("Content-Length of HEAD")
          .isEqualTo(Long.toString(Case.MIB));
      assertThat(response.header(ReprDigest.HEADER))
          .as("Repr-Digest of HEAD")
          .isEqualTo(ReprDigest.forBody(Case.MIB, seed));
      assertThat(response.body().bytes()).as("body of HEAD").isEmpty();
    }

    // The client reuses its connection: body bytes sent after the HEAD headers would be read as
    // the start of this next response and break it.
    server.get(wire, Io.BLOCKING, 8191, seed).assertIntact();
    server.assertLeasesReturned();
  }
}
