package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.BytesServlet;
import dev.respool.testkit.CorruptionCounter;
import dev.respool.testkit.Io;
import dev.respool.testkit.MeasurementLog;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.WebApp;
import dev.respool.testkit.Wire;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The originating bug, reproduced where the container allows it and then prevented. The naive
 * copy refills its array as soon as {@code write} returns; a 16 KiB send buffer and a client that
 * reads slowly keep the container's writes pending, so a container that reads written arrays
 * later sends the refill. Without protection ({@code off}, and {@code pool}, which leaves caller
 * arrays alone) the body then arrives corrupted; {@code copy} and {@code detect} deliver it
 * exactly on every container, and {@code detect} reports every refill. One server, with the demo
 * servlets of each mode at {@code /{mode}}.
 */
public abstract class RetentionSuite extends ContainerSuite {

  /** 128 naive writes of 32 KiB. */
  private static final long BODY = 4L * 1024 * 1024;

  private static final int NAIVE_CHUNK = 32 * 1024;

  private final WrittenArrays writtenArrays;

  private ServerUnderTest server;

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the one server
   * @param writtenArrays what the container does with a written array, which decides whether the
   *     naive copy survives without protection
   */
  protected RetentionSuite(ServletContainer container, WrittenArrays writtenArrays) {
    super(container);
    this.writtenArrays = Objects.requireNonNull(writtenArrays, "writtenArrays");
  }

  /** Starts one server with the demo servlets in every mode. */
  @Override
  protected void startServers() throws Exception {
    List<WebApp> apps = ModeApps.of(() -> Map.of("/bytes/*", new BytesServlet()));
    server = stopAfterAll(ModeApps.requireModes(container().start(apps, Pieces.SMALL_SEND_BUFFER)));
  }

  /** Without the filter the container alone decides whether the refills reach the client. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void withoutTheFilterTheNaiveCopyIsExactOnlyIfTheContainerCopiesWrittenArrays(Wire wire)
      throws Exception {
    CorruptionCounter received = fetchSlowly(Mode.OFF, wire, Io.NAIVE, 11);

    assertThat(received.received()).isEqualTo(BODY);
    assertCorruptedOnlyIfReadLater(received, Mode.OFF);
  }

  /** Pool mode does not copy the caller's own array, so it fares as without the filter. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void poolModeLeavesTheCallersOwnArrayToTheContainer(Wire wire) throws Exception {
    CorruptionCounter received = fetchSlowly(Mode.POOL, wire, Io.NAIVE, 12);

    assertCorruptedOnlyIfReadLater(received, Mode.POOL);
    leasesReturned(Mode.POOL);
  }

  /** The copy into a lease happens before the refill, on any container. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void copyModeDeliversTheNaiveCopyExactly(Wire wire) throws Exception {
    CorruptionCounter received = fetchSlowly(Mode.COPY, wire, Io.NAIVE, 13);

    assertThat(received.exact()).as("mode copy: %s", received).isTrue();
    leasesReturned(Mode.COPY);
  }

  /** respool's own copies wait for release signals, so they need no protection of the filter. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void respoolsOwnCopiesAreExactInEveryMode(Wire wire) throws Exception {
    for (Mode mode : Mode.values()) {
      for (Io io : new Io[] {Io.BLOCKING, Io.ASYNC}) {
        CorruptionCounter received = fetchSlowly(mode, wire, io, 14);

        assertThat(received.exact())
            .as("mode %s, io %s: %s", mode, io, received)
            .isTrue();
      }
      leasesReturned(mode);
    }
  }

  /** Each naive write but the last is followed at once by a refill: every one is reported. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void detectModeReportsEveryRefillAndStillDeliversExactly(Wire wire) throws Exception {
    long before = leasesReturned(Mode.DETECT).detections();

    CorruptionCounter received = fetchSlowly(Mode.DETECT, wire, Io.NAIVE, 15);

    assertThat(received.exact()).as("mode detect: %s", received).isTrue();
    long writes = (BODY + NAIVE_CHUNK - 1) / NAIVE_CHUNK;
    assertThat(leasesReturned(Mode.DETECT).detections() - before).isEqualTo(writes - 1);
  }

  private void assertCorruptedOnlyIfReadLater(CorruptionCounter received, Mode mode) {
    if (writtenArrays == WrittenArrays.READ_LATER) {
      assertThat(received.corrupted())
          .as("corrupted bytes in mode %s, written arrays read later: %s", mode, received)
          .isPositive();
    } else {
      assertThat(received.exact())
          .as("mode %s, written arrays copied: %s", mode, received)
          .isTrue();
    }
  }

  /** Reads the body slowly, counting corrupted bytes. */
  private CorruptionCounter fetchSlowly(Mode mode, Wire wire, Io io, long seed) throws Exception {
    long detectionsBefore = leasesReturned(mode).detections();
    CorruptionCounter counter = new CorruptionCounter(BODY, seed);
    Pieces.getSlowly(
        wire,
        BodyClient.bytesUrl(ModeApps.root(server, mode), io, BODY, seed),
        BODY,
        (piece, n, index) -> counter.update(piece, 0, n));
    long detections = leasesReturned(mode).detections() - detectionsBefore;
    // Kept for scripts/protection-table, which puts every setup's figures side by side.
    MeasurementLog.record(
        container().name(), mode.id(), wire.toString(), io.id(), BODY, counter, detections);
    return counter;
  }

  private RespoolStats leasesReturned(Mode mode) throws IOException {
    return StatsClient.assertLeasesReturned(ModeApps.stats(server, mode));
  }
}
