package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.Case;
import dev.respool.testkit.FinalWriteServlet;
import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.StatsClient;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The last 64 KiB of a body written just before the handler lets go of the response, to an h2c
 * client with a 16 KiB stream window that reads slowly: the write, or the bytes it left with the
 * container, is still pending when {@code service} returns or {@code complete()} runs. The body
 * must arrive exactly, and no lease may stay out.
 *
 * <p>A returned blocking write is a release signal, so a blocking writer gets its lease back, and
 * so does a non-blocking writer that waits for {@code isReady()} before {@code complete()}. A
 * non-blocking write still pending at the end of the request never gets one: in {@code copy} and
 * {@code detect} modes the filter abandons the lease it copied that write into, by design.
 *
 * <p>Containers differ in what they do with such a write; see {@link PendingAtComplete}. The
 * client is Jetty's HTTP/2 client, so a module that runs this suite needs {@code
 * org.eclipse.jetty.http2:jetty-http2-client} on its test class path.
 */
public abstract class PendingFinalWriteSuite extends ContainerSuite {

  /** What a container does with a non-blocking write still pending when the cycle completes. */
  public enum PendingAtComplete {
    /** It sends the rest of the body, then ends the stream. */
    SENT,

    /**
     * It leaves the rest unsent and the stream open, while the write waits for a window update:
     * the test then checks the bytes that did arrive, and the filter's books, but not the whole
     * body.
     */
    LEFT_UNSENT
  }

  private static final long LENGTH = Case.MIB;

  /** How long a silent stream counts as left unsent ({@link PendingAtComplete#LEFT_UNSENT}). */
  private static final long STALL_SECONDS = 3;

  private final PendingAtComplete atComplete;

  private ServerUnderTest server;

  /**
   * Runs the suite on a container that sends a write still pending at {@code complete()}.
   *
   * @param container the container that starts the one server, with an application per mode
   */
  protected PendingFinalWriteSuite(ServletContainer container) {
    this(container, PendingAtComplete.SENT);
  }

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the one server, with an application per mode
   * @param atComplete what the container does with a write still pending at {@code complete()}
   */
  protected PendingFinalWriteSuite(ServletContainer container, PendingAtComplete atComplete) {
    super(container);
    this.atComplete = Objects.requireNonNull(atComplete, "atComplete");
  }

  /** Starts one server with {@link FinalWriteServlet} in an application per mode. */
  @Override
  protected void startServers() throws Exception {
    server = stopAfterAll(ModeApps.requireModes(
        container().start(ModeApps.of(() -> Map.of("/final-write", new FinalWriteServlet())), 0)));
  }

  /**
   * A blocking final write returns only once the container may let go of its array; the servlet
   * then overwrites the array and releases its lease, and the body still arrives exactly.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  public void aBlockingFinalWriteRightBeforeServiceReturnsArrivesExactlyAndReturnsItsLease(
      Mode mode) throws Exception {
    RespoolStats before = StatsClient.assertLeasesReturned(ModeApps.stats(server, mode));

    assertExact(fetch(mode, "writes=blocking", 2000 + mode.ordinal(), false));

    RespoolStats after = assertBalanced(mode);
    assertThat(after.acquires())
        .as("leases acquired, in %s", after)
        .isGreaterThan(before.acquires());
    assertThat(after.abandoned())
        .as("leases abandoned, in %s", after)
        .isEqualTo(before.abandoned());
  }

  /**
   * A non-blocking final write followed at once by {@code complete()} arrives exactly; in the
   * modes that copy caller arrays its lease is abandoned, since it was still lent when the request
   * ended, and in {@code copy} mode the servlet even overwrites its own array at once.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  public void aNonBlockingFinalWriteCompletedAtOnceArrivesExactlyAndLeavesNoLeaseOut(Mode mode)
      throws Exception {
    RespoolStats before = StatsClient.assertLeasesReturned(ModeApps.stats(server, mode));
    String query = "writes=nonblocking&reuse=" + (mode == Mode.COPY);

    SmallWindowClient.Reply reply =
        fetch(mode, query, 3000 + mode.ordinal(), atComplete == PendingAtComplete.LEFT_UNSENT);
    if (atComplete == PendingAtComplete.SENT) {
      assertExact(reply);
    } else {
      assertUncorrupted(reply);
    }

    RespoolStats after = assertBalanced(mode);
    assertThat(after.detections()).as("detections, in %s", after).isEqualTo(before.detections());
    if (mode == Mode.COPY || mode == Mode.DETECT) {
      assertThat(after.abandoned())
          .as("leases abandoned, in %s", after)
          .isGreaterThan(before.abandoned());
    } else {
      // The caller's arrays go to the container as they are: there is no lease to settle.
      assertThat(after.acquires()).as("leases acquired, in %s", after).isEqualTo(before.acquires());
    }
  }

  /**
   * A non-blocking writer that waits for {@code isReady()} after its final write before it calls
   * {@code complete()} gets its body delivered exactly and every lease returned, none abandoned.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  public void aNonBlockingFinalWriteAwaitedBeforeCompleteArrivesExactlyAndReturnsEveryLease(
      Mode mode) throws Exception {
    RespoolStats before = StatsClient.assertLeasesReturned(ModeApps.stats(server, mode));

    assertExact(fetch(mode, "writes=nonblocking&await=true", 4000 + mode.ordinal(), false));

    RespoolStats after = assertBalanced(mode);
    assertThat(after.abandoned())
        .as("leases abandoned, in %s", after)
        .isEqualTo(before.abandoned());
    assertThat(after.detections()).as("detections, in %s", after).isEqualTo(before.detections());
  }

  /** Fetches a body of {@link #LENGTH} bytes from the application in {@code mode}. */
  private SmallWindowClient.Reply fetch(Mode mode, String query, long seed, boolean untilStalled)
      throws Exception {
    URI url = ModeApps.root(server, mode)
        .resolve("final-write?length=" + LENGTH + "&seed=" + seed + "&" + query);
    try (SmallWindowClient client = new SmallWindowClient()) {
      return untilStalled
          ? client.getUntilStalled(url, LENGTH, seed, STALL_SECONDS)
          : client.get(url, LENGTH, seed);
    }
  }

  private static void assertExact(SmallWindowClient.Reply reply) {
    assertUncorrupted(reply);
    String what = "GET " + reply.url();
    assertThat(reply.ended()).as("end of the stream of %s", what).isTrue();
    assertThat(reply.counter().exact())
        .as("body of %s: %s", what, reply.counter())
        .isTrue();
    assertThat(reply.bodyDigest())
        .as("SHA-256 of the body of %s", what)
        .isEqualTo(reply.reprDigest());
  }

  /** The headers are those of the body asked for, and every byte that arrived is right. */
  private static void assertUncorrupted(SmallWindowClient.Reply reply) {
    String what = "GET " + reply.url();
    assertThat(reply.status()).as("status of %s", what).isEqualTo(200);
    assertThat(reply.contentLength())
        .as("Content-Length of %s", what)
        .isEqualTo(Long.toString(reply.length()));
    assertThat(reply.reprDigest())
        .as("Repr-Digest of %s", what)
        .isEqualTo(ReprDigest.forBody(reply.length(), reply.seed()));
    assertThat(reply.counter().corrupted())
        .as("corrupted bytes of %s: %s", what, reply.counter())
        .isZero();
  }

  /** Waits a bounded while for every lease to come back, and checks that the books balance. */
  private RespoolStats assertBalanced(Mode mode) throws Exception {
    RespoolStats stats = StatsClient.assertLeasesReturned(ModeApps.stats(server, mode));
    assertThat(stats.returned() + stats.abandoned())
        .as("returned and abandoned leases, in %s", stats)
        .isEqualTo(stats.acquires());
    return stats;
  }
}
