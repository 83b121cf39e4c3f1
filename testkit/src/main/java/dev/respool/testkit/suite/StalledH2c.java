package dev.respool.testkit.suite;

import dev.respool.testkit.BodyClient;
import dev.respool.testkit.CorruptionCounter;
import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.suite.SoakTally.Outcome;
import dev.respool.testkit.suite.SoakTally.Result;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.FlowControlStrategy;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.util.Callback;

/**
 * The stalled h2c clients of a soak. OkHttp takes up to 16 MiB of a stream into its own buffer
 * whether or not the application reads, so a stalled OkHttp stream never makes the server wait;
 * Jetty's low-level client announces a 16 KiB stream window and opens it again only as frames
 * are released, so a client that holds a frame stops the server's writes at once.
 */
final class StalledH2c implements AutoCloseable {

  private static final int STREAM_WINDOW = 16 * 1024;

  /** The longest wait for any frame; longer than the server's idle timeout, by far. */
  private static final long FRAME_WAIT_SECONDS = 30;

  /**
   * How long a stream may stay silent after the stall before it counts as left open: five times
   * the server's idle timeout, in which a server that gave up resets the stream and one that did
   * not sends the rest.
   */
  private static final long SILENCE_MILLIS =
      SoakSettings.IDLE_TIMEOUT.multipliedBy(5).toMillis();

  private final HTTP2Client client = new HTTP2Client();

  StalledH2c() throws Exception {
    client.setIdleTimeout(TimeUnit.SECONDS.toMillis(2 * FRAME_WAIT_SECONDS));
    client.setInitialStreamRecvWindow(STREAM_WINDOW);
    client.setInitialSessionRecvWindow(FlowControlStrategy.DEFAULT_WINDOW_SIZE);
    client.start();
  }

  /**
   * Sends {@code request} on a connection of its own, holds its first DATA frame for {@link
   * SoakSettings#STALL}, then reads on to the end of the stream, its reset, or a silence that
   * leaves it open.
   */
  Outcome run(URI root, SoakRequest request, CorruptionCounter counter) throws Exception {
    URI url = BodyClient.bytesUrl(root, request.io(), request.length(), request.seed())
        .uri();
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    Session session = client
        .connect(new InetSocketAddress(url.getHost(), url.getPort()), new Session.Listener() {})
        .get(FRAME_WAIT_SECONDS, TimeUnit.SECONDS);
    try {
      MetaData.Request get =
          new MetaData.Request("GET", HttpURI.from(url), HttpVersion.HTTP_2, HttpFields.EMPTY);
      Stream stream = session
          .newStream(new HeadersFrame(get, null, true), new FrameQueue(events))
          .get(FRAME_WAIT_SECONDS, TimeUnit.SECONDS);
      Object first = next(events);
      if (!(first instanceof MetaData.Response response)) {
        String got = first instanceof Throwable failure ? failure.toString() : "its end";
        return SoakExchanges.failed(request, counter, "no response on the stream, but " + got);
      }
      HttpFields fields = response.getHttpFields();
      String length = fields.get(HttpHeader.CONTENT_LENGTH);
      if (response.getStatus() != 200 || !Long.toString(request.length()).equals(length)) {
        return SoakExchanges.failed(
            request, counter, "status " + response.getStatus() + ", Content-Length " + length);
      }
      MessageDigest sha256 = SoakExchanges.sha256();
      Result result = readBody(stream, events, counter, sha256, request.length());
      if (result != Result.STALL_COMPLETED) {
        return new Outcome(request, result, counter.received(), counter.corrupted(), null);
      }
      String digest = fields.get(ReprDigest.HEADER);
      return SoakExchanges.whole(request, digest, sha256, counter, Result.STALL_COMPLETED);
    } finally {
      session.close(ErrorCode.NO_ERROR.code, "done", Callback.NOOP);
    }
  }

  /**
   * Takes DATA frames one at a time, holding the first one through the stall. Returns {@link
   * Result#STALL_COMPLETED} at the end of the stream, {@link Result#STALL_CUT} when the server
   * reset or failed it, and {@link Result#STALL_LEFT_OPEN} when no frame came for {@link
   * #SILENCE_MILLIS} after the stall.
   */
  private static Result readBody(
      Stream stream,
      BlockingQueue<Object> events,
      CorruptionCounter counter,
      MessageDigest sha256,
      long length)
      throws Exception {
    byte[] scratch = new byte[0];
    // Every DATA frame but the last carries a byte at least: that bounds the loop.
    for (long frames = 0; frames <= length + 1; frames++) {
      Object event =
          frames == 0 ? next(events) : events.poll(SILENCE_MILLIS, TimeUnit.MILLISECONDS);
      if (event == null) {
        return Result.STALL_LEFT_OPEN;
      }
      if (event == FrameQueue.END) {
        return Result.STALL_COMPLETED;
      }
      if (event instanceof Throwable) {
        return Result.STALL_CUT;
      }
      Stream.Data data = (Stream.Data) event;
      boolean last = data.frame().isEndStream();
      try {
        ByteBuffer bytes = data.frame().getByteBuffer();
        int n = bytes.remaining();
        if (scratch.length < n) {
          scratch = new byte[n];
        }
        bytes.get(scratch, 0, n);
        counter.update(scratch, 0, n);
        sha256.update(scratch, 0, n);
        if (frames == 0) {
          // Not released, so the window stays shut: the server's writes wait.
          Thread.sleep(SoakSettings.STALL.toMillis());
        }
      } finally {
        data.release();
      }
      if (last) {
        return Result.STALL_COMPLETED;
      }
      stream.demand();
    }
    throw new IOException("more DATA frames than body bytes, " + counter);
  }

  private static Object next(BlockingQueue<Object> events) throws Exception {
    Object event = events.poll(FRAME_WAIT_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      throw new IOException("no frame for " + FRAME_WAIT_SECONDS + " s");
    }
    return event;
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }
}
