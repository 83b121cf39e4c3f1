package dev.respool.testkit.suite;

import dev.respool.testkit.CorruptionCounter;
import dev.respool.testkit.ReprDigest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * An h2c client (prior knowledge) whose stream flow-control window is {@value #STREAM_WINDOW}
 * bytes and that takes one DATA frame at a time with a pause before it gives the bytes back to flow
 * control. A server's write larger than the window therefore waits for window updates, and stays
 * pending for a while after the handler that made it let go of the response.
 *
 * <p>OkHttp does not let its windows be set; Jetty's low-level HTTP/2 client does, and it leaves
 * the pace of reading to the caller: a DATA frame counts as consumed only once it is released.
 */
final class SmallWindowClient implements AutoCloseable {

  /** The initial stream window the client announces in its SETTINGS. */
  static final int STREAM_WINDOW = 16 * 1024;

  /** The longest wait for any one frame, so that a stalled exchange fails instead of hanging. */
  private static final long FRAME_WAIT_SECONDS = 30;

  private static final long PAUSE_MILLIS = 1;

  private final HTTP2Client client = new HTTP2Client();

  /** Starts the client. */
  SmallWindowClient() throws Exception {
    // Longer than the wait for a frame, so that a stall is reported as one, with the progress.
    client.setIdleTimeout(TimeUnit.SECONDS.toMillis(2 * FRAME_WAIT_SECONDS));
    client.setInitialStreamRecvWindow(STREAM_WINDOW);
    // No more than the connection window every HTTP/2 connection starts with.
    client.setInitialSessionRecvWindow(FlowControlStrategy.DEFAULT_WINDOW_SIZE);
    client.start();
  }

  /**
   * What arrived for one request.
   *
   * @param url the URL asked for
   * @param length the body length expected
   * @param seed the seed of the body expected
   * @param status the response status
   * @param contentLength the {@code Content-Length} field, or null
   * @param reprDigest the {@code Repr-Digest} field, or null
   * @param bodyDigest the SHA-256 of the body received, formatted as a {@code Repr-Digest} value
   * @param counter the body's bytes compared with the expected ones
   * @param ended whether the stream ended; false when the reading stopped at a stall
   */
  record Reply(
      URI url,
      long length,
      long seed,
      int status,
      String contentLength,
      String reprDigest,
      String bodyDigest,
      CorruptionCounter counter,
      boolean ended) {}

  /**
   * Sends {@code GET url} on a new connection and reads the whole response slowly.
   *
   * @param url an {@code http} URL on 127.0.0.1
   * @param length the body length expected
   * @param seed the seed of the body expected
   * @throws IOException if the stream is reset or fails, or no frame arrives for 30 s
   */
  Reply get(URI url, long length, long seed) throws Exception {
    return exchange(url, length, seed, FRAME_WAIT_SECONDS, false);
  }

  /**
   * Sends {@code GET url} on a new connection and reads the response slowly until it ends or no
   * frame arrived for {@code stallSeconds}: for a server known to leave a response unfinished.
   *
   * @param stallSeconds how long a silence ends the reading, at most 30 s
   * @throws IOException if the stream is reset or fails
   */
  Reply getUntilStalled(URI url, long length, long seed, long stallSeconds) throws Exception {
    return exchange(url, length, seed, Math.min(stallSeconds, FRAME_WAIT_SECONDS), true);
  }

  private Reply exchange(URI url, long length, long seed, long waitSeconds, boolean stallEnds)
      throws Exception {
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    Session session = client
        .connect(new InetSocketAddress(url.getHost(), url.getPort()), new Session.Listener() {})
        .get(FRAME_WAIT_SECONDS, TimeUnit.SECONDS);
    try {
      MetaData.Request request =
          new MetaData.Request("GET", HttpURI.from(url), HttpVersion.HTTP_2, HttpFields.EMPTY);
      Stream stream = session
          .newStream(new HeadersFrame(request, null, true), new FrameQueue(events))
          .get(FRAME_WAIT_SECONDS, TimeUnit.SECONDS);
      Object first = next(events, FRAME_WAIT_SECONDS, "no response yet");
      if (!(first instanceof MetaData.Response response)) {
        throw new IOException("the stream ended without a response");
      }
      HttpFields fields = response.getHttpFields();
      CorruptionCounter counter = new CorruptionCounter(length, seed);
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      boolean ended = readBody(stream, events, counter, sha256, length, waitSeconds, stallEnds);
      return new Reply(
          url,
          length,
          seed,
          response.getStatus(),
          fields.get(HttpHeader.CONTENT_LENGTH),
          fields.get(ReprDigest.HEADER),
          ReprDigest.format(sha256.digest()),
          counter,
          ended);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    } finally {
      session.close(ErrorCode.NO_ERROR.code, "done", Callback.NOOP);
    }
  }

  /**
   * Takes DATA frames one at a time, pausing before each is given back to flow control. Returns
   * true at the end of the stream, false at a stall when {@code stallEnds}.
   */
  private static boolean readBody(
      Stream stream,
      BlockingQueue<Object> events,
      CorruptionCounter counter,
      MessageDigest sha256,
      long length,
      long waitSeconds,
      boolean stallEnds)
      throws Exception {
    byte[] scratch = new byte[0];
    // Every DATA frame but the last carries at least one byte: more frames than the body has
    // bytes, plus one, would be a broken server; that bounds the loop.
    for (long frames = 0; frames <= length + 1; frames++) {
      Object event = stallEnds
          ? events.poll(waitSeconds, TimeUnit.SECONDS)
          : next(events, waitSeconds, "after " + counter);
      if (event == null) {
        return false;
      }
      if (event == FrameQueue.END) {
        return true;
      }
      if (event instanceof Throwable failure) {
        throw new IOException("the stream failed after " + counter, failure);
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
        Thread.sleep(PAUSE_MILLIS);
      } finally {
        // Only now may flow control open the window again.
        data.release();
      }
      if (last) {
        return true;
      }
      stream.demand();
    }
    throw new IOException("more DATA frames than body bytes, " + counter);
  }

  /** The next event; {@code progress} says how far the exchange got, for a failure message. */
  private static Object next(BlockingQueue<Object> events, long waitSeconds, String progress)
      throws Exception {
    Object event = events.poll(waitSeconds, TimeUnit.SECONDS);
    if (event == null) {
      throw new IOException("no frame for " + waitSeconds + " s, " + progress);
    }
    if (event instanceof Throwable failure) {
      throw new IOException("the stream failed, " + progress, failure);
    }
    return event;
  }

  @Override
  public void close() throws Exception {
    client.stop();
  }
}
