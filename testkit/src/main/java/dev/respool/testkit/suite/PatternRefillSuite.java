package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.PatternRefillServlet;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.WebApp;
import dev.respool.testkit.Wire;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application that refills its one 64 KiB array right after each non-blocking write ({@link
 * PatternRefillServlet}): {@code copy} delivers its patterns in order, {@code detect} reports
 * every refill, and without the filter the patterns run into each other exactly where the
 * container reads written arrays later. One server with a 16 KiB send buffer, and an application
 * per mode at {@code /{mode}}.
 */
public abstract class PatternRefillSuite extends ContainerSuite {

  private static final int CHUNKS = 64;

  private static final long BODY = (long) CHUNKS * PatternRefillServlet.CHUNK;

  private final WrittenArrays writtenArrays;

  private ServerUnderTest server;

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the one server
   * @param writtenArrays what the container does with a written array, which decides what
   *     arrives without the filter
   */
  protected PatternRefillSuite(ServletContainer container, WrittenArrays writtenArrays) {
    super(container);
    this.writtenArrays = Objects.requireNonNull(writtenArrays, "writtenArrays");
  }

  /** Starts one server with the servlet in every mode. */
  @Override
  protected void startServers() throws Exception {
    List<WebApp> apps = ModeApps.of(() -> Map.of("/patterns", new PatternRefillServlet()));
    server = stopAfterAll(ModeApps.requireModes(container().start(apps, Pieces.SMALL_SEND_BUFFER)));
  }

  /** Each refill happens after the array was copied into a lease. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void copyModeDeliversThePatternsInOrder(Wire wire) throws Exception {
    assertThat(misplacedBytes(wire, Mode.COPY)).isZero();

    leasesReturned(Mode.COPY);
  }

  /** Every write is followed by a refill before its release signal: one detection per chunk. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void detectModeReportsEveryRefill(Wire wire) throws Exception {
    long before = leasesReturned(Mode.DETECT).detections();

    assertThat(misplacedBytes(wire, Mode.DETECT)).isZero();

    assertThat(leasesReturned(Mode.DETECT).detections() - before).isEqualTo(CHUNKS);
  }

  /** Without the filter the container alone decides whether a refill reaches the client. */
  @ParameterizedTest(name = "over {0}")
  @EnumSource(Wire.class)
  public void withoutTheFilterThePatternsStayApartOnlyIfTheContainerCopiesWrittenArrays(Wire wire)
      throws Exception {
    long misplaced = misplacedBytes(wire, Mode.OFF);

    if (writtenArrays == WrittenArrays.READ_LATER) {
      assertThat(misplaced)
          .as("misplaced bytes where written arrays are read later")
          .isPositive();
    } else {
      assertThat(misplaced)
          .as("misplaced bytes where written arrays are copied")
          .isZero();
    }
  }

  /** Reads the patterns slowly and counts the bytes that are not their chunk's pattern. */
  private long misplacedBytes(Wire wire, Mode mode) throws Exception {
    HttpUrl url = HttpUrl.get(ModeApps.root(server, mode).resolve("patterns"))
        .newBuilder()
        .addQueryParameter("chunks", Integer.toString(CHUNKS))
        .build();
    AtomicLong misplaced = new AtomicLong();
    AtomicLong position = new AtomicLong();
    long read = Pieces.getSlowly(wire, url, BODY, (piece, n, index) -> {
      for (int i = 0; i < n; i++) {
        long at = position.getAndIncrement();
        if (piece[i] != PatternRefillServlet.pattern((int) (at / PatternRefillServlet.CHUNK))) {
          misplaced.incrementAndGet();
        }
      }
    });

    assertThat(read).as("bytes received from %s", url).isEqualTo(BODY);
    return misplaced.get();
  }

  private RespoolStats leasesReturned(Mode mode) throws IOException {
    return StatsClient.assertLeasesReturned(ModeApps.stats(server, mode));
  }
}
