package dev.respool.testkit.suite;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;

/**
 * The listener of one stream of {@link SmallWindowClient}: hands the response, each DATA frame,
 * the end and any failure to the reading thread through a queue, and demands the next frame only
 * when that thread asks, so that the client reads no faster than that thread.
 */
final class FrameQueue implements Stream.Listener {

  /** Marks the end of a response that ended with its headers. */
  static final Object END = new Object();

  private final BlockingQueue<Object> events;

  /** Adds the events of the stream to {@code events}. */
  FrameQueue(BlockingQueue<Object> events) {
    this.events = events;
  }

  @Override
  public void onHeaders(Stream stream, HeadersFrame frame) {
    events.add(frame.getMetaData());
    if (frame.isEndStream()) {
      events.add(END);
    } else {
      stream.demand();
    }
  }

  /** Queues the frame; the reader demands the next one once it has released this one. */
  @Override
  public void onDataAvailable(Stream stream) {
    Stream.Data data = stream.readData();
    if (data == null) {
      stream.demand();
      return;
    }
    events.add(data);
  }

  @Override
  public void onReset(Stream stream, ResetFrame frame, Callback callback) {
    events.add(new IOException("stream reset by the server: "
        + ErrorCode.toString(frame.getError(), "error " + frame.getError())));
    callback.succeeded();
  }

  @Override
  public void onFailure(
      Stream stream, int error, String reason, Throwable failure, Callback callback) {
    events.add(failure);
    callback.succeeded();
  }
}
