package dev.respool.testkit.suite;

import static dev.respool.testkit.suite.RawClient.ascii;
import static dev.respool.testkit.suite.RawClient.concat;
import static dev.respool.testkit.suite.RawClient.h2Frame;
import static dev.respool.testkit.suite.RawClient.h2FrameHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolStats;
import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.Io;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import dev.respool.testkit.Wire;
import dev.respool.testkit.suite.RawClient.Leave;
import dev.respool.testkit.suite.RawClient.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Clients that send what no HTTP library would, or leave in the middle of a request or of a body,
 * over raw sockets to the demo application in {@code copy} mode: whatever the server makes of it,
 * no lease stays out, and the next well-formed request over each protocol gets its exact body.
 */
public abstract class BadClientSuite extends ContainerSuite {

  /** Short, so that a request the client never finishes does not hold the server for long. */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

  /** Larger than what the socket buffers and the client's h2 window hold: writes stay pending. */
  private static final long LARGE_BODY = 8L * 1024 * 1024;

  private ServerUnderTest server;

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the server
   */
  protected BadClientSuite(ServletContainer container) {
    super(container);
  }

  /** Starts the demo application in copy mode, with a short idle timeout. */
  @Override
  protected void startServers() throws Exception {
    ConnectorSettings settings = ConnectorSettings.DEFAULTS.withIdleTimeout(IDLE_TIMEOUT);
    server = stopAfterAll(ServerUnderTest.requireMode(
        container().start(List.of(WebApp.demo(Mode.COPY)), settings), Mode.COPY));
  }

  /** A request no server should accept, and how its client leaves. */
  enum Garbage {
    INVALID_REQUEST_LINE(Leave.HALF_CLOSE, root -> ascii("GARBAGE\r\n\r\n")),
    UNKNOWN_VERSION(
        Leave.HALF_CLOSE, root -> ascii("GET /bytes/1000 HTTP/7.3\r\n" + host(root) + "\r\n")),
    BINARY_JUNK(Leave.HALF_CLOSE, root -> junk(4096, 1)),
    HEADER_WITHOUT_COLON(
        Leave.HALF_CLOSE,
        root ->
            ascii("GET /bytes/1000 HTTP/1.1\r\n" + host(root) + "no colon in this line\r\n\r\n")),
    HEADER_WITH_NUL(
        Leave.HALF_CLOSE,
        root -> ascii("GET /bytes/1000 HTTP/1.1\r\n" + host(root) + "X-Bad: a\0b\r\n\r\n")),
    CONTENT_LENGTH_AND_CHUNKED(
        Leave.HALF_CLOSE,
        root -> ascii("POST /bytes/1000 HTTP/1.1\r\n" + host(root)
            + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")),
    MALFORMED_CHUNK(
        Leave.HALF_CLOSE,
        root -> ascii("POST /bytes/1000 HTTP/1.1\r\n" + host(root)
            + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n")),
    HUGE_HEADER(
        Leave.HALF_CLOSE,
        root -> ascii("GET /bytes/1000 HTTP/1.1\r\n" + host(root) + "X-Big: "
            + "a".repeat(1024 * 1024) + "\r\n\r\n")),
    HUGE_REQUEST_LINE(
        Leave.HALF_CLOSE,
        root -> ascii("GET /bytes/1000?pad=" + "a".repeat(1024 * 1024) + " HTTP/1.1\r\n"
            + host(root) + "\r\n")),
    TEN_THOUSAND_HEADERS(
        Leave.HALF_CLOSE,
        root -> ascii("GET /bytes/1000 HTTP/1.1\r\n" + host(root)
            + "X-Many: header\r\n".repeat(10_000) + "\r\n")),
    TRUNCATED_REQUEST_LINE(Leave.HALF_CLOSE, root -> ascii("GET /bytes/1048576?io=async HT")),
    TRUNCATED_HEADERS(
        Leave.HALF_CLOSE,
        root -> ascii("GET /bytes/1048576?io=async HTTP/1.1\r\n" + host(root) + "X-Cut: sho")),
    TRUNCATED_HEADERS_THEN_RESET(
        Leave.RESET,
        root -> ascii("GET /bytes/1048576?io=async HTTP/1.1\r\n" + host(root) + "X-Cut: sho")),
    VALID_REQUEST_THEN_GARBAGE(
        Leave.HALF_CLOSE,
        root -> ascii("GET /bytes/1000 HTTP/1.1\r\n" + host(root) + "\r\nGARBAGE\r\n\r\n")),
    H2_PREFACE_THEN_JUNK(Leave.HALF_CLOSE, root -> concat(RawClient.H2_PREFACE, junk(1024, 2))),
    H2_OVERSIZED_FRAME(
        Leave.HALF_CLOSE,
        root -> concat(
            RawClient.H2_PREFACE,
            h2Frame(0x4, 0, 0, new byte[0]),
            h2FrameHeader(0xFFFFFF, 0x0, 0, 1, junk(1024, 3)))),
    H2_BROKEN_HEADER_BLOCK(
        Leave.HALF_CLOSE,
        root -> concat(
            RawClient.H2_PREFACE,
            h2Frame(0x4, 0, 0, new byte[0]),
            h2Frame(0x1, 0x5, 1, junk(64, 4)))),
    H2_HEADERS_ON_STREAM_ZERO(
        Leave.HALF_CLOSE,
        root -> concat(
            RawClient.H2_PREFACE,
            h2Frame(0x4, 0, 0, new byte[0]),
            h2Frame(0x1, 0x5, 0, RawClient.h2Get("/bytes/1000", authority(root)))));

    final Leave leave;
    final Function<URI, byte[]> request;

    Garbage(Leave leave, Function<URI, byte[]> request) {
      this.leave = leave;
      this.request = request;
    }
  }

  /**
   * Whatever the server answers garbage with, it is no success and no server error; no lease
   * stays out, and the next request over each protocol is served exactly.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Garbage.class)
  public void garbageLeavesNoLeaseOutAndTheNextRequestIsServed(Garbage garbage) throws Exception {
    Reply reply =
        RawClient.exchange(server.uri(), garbage.request.apply(server.uri()), garbage.leave);

    int status = reply.status();
    if (garbage == Garbage.VALID_REQUEST_THEN_GARBAGE) {
      assertThat(status).as("status of the valid request before the garbage").isEqualTo(200);
    } else if (status >= 0) {
      assertThat(status).as("status of %s, reply: %s", garbage, reply.head()).isBetween(400, 505);
      assertThat(status).as("status of %s, reply: %s", garbage, reply.head()).isNotEqualTo(500);
    }
    assertServedAfter(garbage.toString());
  }

  /** Every way of writing, over both protocols, for each moment of leaving. */
  protected static Stream<Arguments> leaving() {
    return Stream.of(Wire.values())
        .flatMap(wire -> Stream.of(Io.values())
            .flatMap(io -> Stream.of(Leave.RESET, Leave.READ_THEN_RESET)
                .map(leave -> Arguments.of(wire, io, leave))));
  }

  /**
   * A client that resets its connection right after a well-formed request for a large body, or
   * after the first 64 KiB of it, leaves no lease out; the server's writes to it were pending.
   */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("leaving")
  public void aClientThatResetsItsConnectionEarlyLeavesNoLeaseOut(Wire wire, Io io, Leave leave)
      throws Exception {
    URI root = server.uri();
    String path = "/bytes/" + LARGE_BODY + "?seed=" + io.ordinal() + "&io=" + io.id();
    byte[] request = wire == Wire.HTTP_1_1
        ? ascii("GET " + path + " HTTP/1.1\r\n" + host(root) + "\r\n")
        : concat(
            RawClient.H2_PREFACE,
            h2Frame(0x4, 0, 0, new byte[0]),
            h2Frame(0x1, 0x5, 1, RawClient.h2Get(path, authority(root))));

    Reply reply = RawClient.exchange(root, request, leave);

    if (leave == Leave.READ_THEN_RESET && wire == Wire.HTTP_1_1) {
      assertThat(reply.status()).as("status, reply: %s", reply.head()).isEqualTo(200);
    }
    assertServedAfter(wire + " " + io + " " + leave);
  }

  /** No lease is out, and a body over each protocol arrives exactly; no lease is out after it. */
  private void assertServedAfter(String what) throws Exception {
    RespoolStats stats = server.assertLeasesReturned();
    assertThat(stats.leasesOut()).as("leases out after %s", what).isZero();
    for (Wire wire : Wire.values()) {
      server.get(wire, Io.ASYNC, 100_000, 11).assertIntact();
    }
    server.assertLeasesReturned();
  }

  private static String host(URI root) {
    return "Host: " + authority(root) + "\r\n";
  }

  private static String authority(URI root) {
    return root.getHost() + ":" + root.getPort();
  }

  /** {@code length} seeded random bytes that do not start like a request line or the preface. */
  private static byte[] junk(int length, long seed) {
    byte[] bytes = new byte[length];
    new SplittableRandom(seed).nextBytes(bytes);
    bytes[0] = 0x01;
    return bytes;
  }
}
