package dev.respool.testkit.suite;

import dev.respool.testkit.BodyClient;
import dev.respool.testkit.CorruptionCounter;
import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.SmallReceiveBufferSockets;
import dev.respool.testkit.Wire;
import dev.respool.testkit.suite.SoakTally.Outcome;
import dev.respool.testkit.suite.SoakTally.Result;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs the requests of a soak with OkHttp: clients shared by every request that reads its body or
 * aborts it, so that HTTP/1.1 connections are reused and h2c streams share connections; a
 * connection of its own for each stalled request. Each request's bytes are compared with the body
 * asked for as they arrive, and hashed.
 *
 * <p>The h2c streams are spread over {@value #H2C_CONNECTIONS} connections, a few on each at a
 * time. With all of them on one connection, where one stream in ten is reset, Jetty 12.1 ended
 * that connection in some full soaks, failing the streams still running on it: servers limit the
 * stream resets a client may send on one connection, against rapid-reset attacks (Jetty counts
 * each RST_STREAM against 128 a second by default).
 */
final class SoakExchanges implements AutoCloseable {

  private static final int CHUNK = 64 * 1024;

  /** A stalled client reads this much first, so that the response is under way when it stops. */
  private static final int READ_BEFORE_STALL = 64 * 1024;

  /** The receive buffer of a stalled HTTP/1.1 client, so that the server soon has to wait. */
  private static final int STALLED_RECEIVE_BUFFER = 16 * 1024;

  private final URI root;
  /** The connections the h2c streams are spread over, a few streams each. */
  static final int H2C_CONNECTIONS = 16;

  private final OkHttpClient http11;

  /** One client per h2c connection, each with a pool of its own. */
  private final List<OkHttpClient> h2c = new ArrayList<>();

  private final StalledH2c stalledH2c;

  /** Whether an aborted h2c request gets a connection of its own instead of a shared one. */
  private final boolean abortsAlone;

  /**
   * Clients for the server at {@code root}.
   *
   * @param concurrency how many requests run at once, so that as many connections stay pooled
   * @param abortsAlone whether each aborted h2c request gets a connection of its own, for a
   *     server that may close a whole connection when one of its streams is reset
   */
  SoakExchanges(URI root, int concurrency, boolean abortsAlone) throws Exception {
    this.root = root;
    this.abortsAlone = abortsAlone;
    this.http11 = Wire.HTTP_1_1
        .client()
        .newBuilder()
        .connectionPool(new ConnectionPool(concurrency, 1, TimeUnit.MINUTES))
        .build();
    for (int i = 0; i < H2C_CONNECTIONS; i++) {
      h2c.add(
          Wire.H2C.client().newBuilder().connectionPool(new ConnectionPool()).build());
    }
    this.stalledH2c = new StalledH2c();
  }

  /** Runs {@code request} and says how it ended; never throws for what the server did. */
  Outcome run(SoakRequest request) {
    CorruptionCounter counter = new CorruptionCounter(request.length(), request.seed());
    try {
      return switch (request.fate()) {
        case COMPLETE -> complete(request, counter);
        case ABORT -> abort(request, counter);
        case STALL ->
          request.wire() == Wire.H2C
              ? stalledH2c.run(root, request, counter)
              : stallHttp11(request, counter);
      };
    } catch (Exception | AssertionError e) {
      return failed(request, counter, e.toString());
    }
  }

  private Outcome complete(SoakRequest request, CorruptionCounter counter) throws IOException {
    try (Response response = client(request).newCall(get(request)).execute()) {
      String problem = checkHeaders(request, response);
      if (problem != null) {
        return failed(request, counter, problem);
      }
      MessageDigest sha256 = sha256();
      read(response.body().byteStream(), request.length() + 1, counter, sha256);
      return whole(request, response.header(ReprDigest.HEADER), sha256, counter, Result.COMPLETED);
    }
  }

  /**
   * Reads up to the request's abort offset, then cancels the call or closes the body. A failure
   * after that is the abort's own; one before it is the server's.
   */
  private Outcome abort(SoakRequest request, CorruptionCounter counter) throws IOException {
    boolean alone = abortsAlone && request.wire() == Wire.H2C;
    OkHttpClient client = alone
        ? client(request).newBuilder().connectionPool(new ConnectionPool()).build()
        : client(request);
    Call call = client.newCall(get(request));
    try (Response response = call.execute()) {
      String problem = checkHeaders(request, response);
      if (problem != null) {
        return failed(request, counter, problem);
      }
      read(response.body().byteStream(), request.abortAt(), counter, null);
      if (request.cancel()) {
        call.cancel();
      } else {
        response.body().close();
      }
    } catch (IOException e) {
      if (counter.received() < request.abortAt()) {
        throw e;
      }
      // Closing a cancelled call may fail; the client is gone either way.
    } finally {
      if (alone) {
        client.connectionPool().evictAll();
      }
    }
    return new Outcome(request, Result.ABORTED, counter.received(), counter.corrupted(), null);
  }

  /**
   * Reads a little on a connection of its own with a small receive buffer, stops reading past the
   * idle timeout, then reads on: either the server gave up meanwhile and the body ends short with
   * a failure, or it waited and the whole body arrives. What arrived must be exact either way.
   */
  private Outcome stallHttp11(SoakRequest request, CorruptionCounter counter)
      throws IOException, InterruptedException {
    OkHttpClient client = http11
        .newBuilder()
        .connectionPool(new ConnectionPool())
        .socketFactory(new SmallReceiveBufferSockets(STALLED_RECEIVE_BUFFER))
        .build();
    try (Response response = client.newCall(get(request)).execute()) {
      String problem = checkHeaders(request, response);
      if (problem != null) {
        return failed(request, counter, problem);
      }
      MessageDigest sha256 = sha256();
      InputStream body = response.body().byteStream();
      read(body, READ_BEFORE_STALL, counter, sha256);
      Thread.sleep(SoakSettings.STALL.toMillis());
      try {
        read(body, request.length() + 1, counter, sha256);
      } catch (IOException serverGaveUp) {
        return new Outcome(
            request, Result.STALL_CUT, counter.received(), counter.corrupted(), null);
      }
      String header = response.header(ReprDigest.HEADER);
      return whole(request, header, sha256, counter, Result.STALL_COMPLETED);
    } finally {
      client.connectionPool().evictAll();
    }
  }

  /** The shared client for {@code request}: for h2c, one of the connections by its index. */
  private OkHttpClient client(SoakRequest request) {
    return request.wire() == Wire.H2C ? h2c.get(request.index() % H2C_CONNECTIONS) : http11;
  }

  private Request get(SoakRequest request) {
    return new Request.Builder()
        .url(BodyClient.bytesUrl(root, request.io(), request.length(), request.seed()))
        .build();
  }

  /** What is wrong with the status and headers of {@code response}, or null. */
  private static String checkHeaders(SoakRequest request, Response response) {
    if (response.code() != 200) {
      return "status " + response.code();
    }
    if (response.protocol() != request.wire().protocol()) {
      return "protocol " + response.protocol();
    }
    String length = response.header("Content-Length");
    if (!Long.toString(request.length()).equals(length)) {
      return "Content-Length " + length;
    }
    return response.header(ReprDigest.HEADER) == null ? "no " + ReprDigest.HEADER : null;
  }

  /**
   * Reads until {@code counter} has {@code upTo} bytes or the body ends, in whole chunks; bounded
   * by {@code upTo}, and the client's timeouts bound the time.
   */
  private static void read(
      InputStream body, long upTo, CorruptionCounter counter, MessageDigest sha256)
      throws IOException {
    byte[] chunk = new byte[CHUNK];
    while (counter.received() < upTo) {
      int n = body.readNBytes(chunk, 0, (int) Math.min(CHUNK, upTo - counter.received()));
      if (n == 0) {
        return;
      }
      counter.update(chunk, 0, n);
      if (sha256 != null) {
        sha256.update(chunk, 0, n);
      }
    }
  }

  /** The outcome of a body read to its end: {@code result} if it is the one announced. */
  static Outcome whole(
      SoakRequest request,
      String reprDigest,
      MessageDigest sha256,
      CorruptionCounter counter,
      Result result) {
    String digest = ReprDigest.format(sha256.digest());
    if (!counter.exact()) {
      return failed(request, counter, "body differs from the one asked for: " + counter);
    }
    if (!digest.equals(reprDigest)) {
      return failed(request, counter, "body hashes to " + digest + ", Repr-Digest " + reprDigest);
    }
    return new Outcome(request, result, counter.received(), counter.corrupted(), null);
  }

  static Outcome failed(SoakRequest request, CorruptionCounter counter, String problem) {
    return new Outcome(
        request, Result.FAILED, counter.received(), counter.corrupted(), problem + ", " + counter);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public void close() throws Exception {
    http11.connectionPool().evictAll();
    for (OkHttpClient client : h2c) {
      client.connectionPool().evictAll();
    }
    stalledH2c.close();
  }
}
