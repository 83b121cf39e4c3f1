package dev.respool.testkit.suite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that writes bytes to a server's socket as they are, whatever they are, and reads what
 * comes back: for requests that no HTTP client library would send.
 */
final class RawClient {

  /** How the client leaves once it has written its bytes and read what it wanted. */
  enum Leave {
    /** Shuts its output down, reads the reply to its end, then closes. */
    HALF_CLOSE,
    /** Closes at once with a reset (linger 0), without reading. */
    RESET,
    /** Reads up to {@link #READ_LIMIT} bytes of the reply, then closes with a reset. */
    READ_THEN_RESET
  }

  /** The most bytes of a reply kept or read. */
  static final int READ_LIMIT = 64 * 1024;

  /** The longest wait for more of a reply: then the client gives up on it and leaves. */
  private static final Duration READ_WAIT = Duration.ofSeconds(10);

  /** The HTTP/2 client connection preface. */
  static final byte[] H2_PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * What came back.
   *
   * @param bytes the start of the reply, at most {@link #READ_LIMIT} bytes
   * @param writeFailed whether the server stopped taking the request before all of it was written
   */
  record Reply(byte[] bytes, boolean writeFailed) {

    /** The status of an HTTP/1.1 reply, or -1 if the reply does not start with a status line. */
    int status() {
      String start = new String(bytes, 0, Math.min(bytes.length, 12), StandardCharsets.ISO_8859_1);
      if (!start.matches("HTTP/1\\.[01] \\d{3}")) {
        return -1;
      }
      return Integer.parseInt(start.substring(9, 12));
    }

    /** The reply's start as text, control characters shown as '?', for a failure message. */
    String head() {
      String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1);
      return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
  }

  private RawClient() {}

  /**
   * Connects to the server at {@code root}, writes {@code request}, and leaves as {@code leave}
   * says.
   */
  static Reply exchange(URI root, byte[] request, Leave leave) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(root.getHost(), root.getPort()), 10_000);
      socket.setSoTimeout((int) READ_WAIT.toMillis());
      boolean writeFailed = false;
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
      } catch (IOException serverStoppedReading) {
        // A server may answer and close before a huge request is all written.
        writeFailed = true;
      }
      byte[] reply = new byte[0];
      if (leave == Leave.HALF_CLOSE) {
        if (!writeFailed) {
          socket.shutdownOutput();
        }
        reply = read(socket.getInputStream(), READ_LIMIT);
      } else if (leave == Leave.READ_THEN_RESET) {
        reply = read(socket.getInputStream(), READ_LIMIT);
      }
      if (leave != Leave.HALF_CLOSE) {
        socket.setSoLinger(true, 0);
      }
      return new Reply(reply, writeFailed);
    }
  }

  /**
   * Reads up to {@code limit} bytes, stopping early at the end of the stream, a reset, or a
   * silence of {@link #READ_WAIT}.
   */
  private static byte[] read(InputStream in, int limit) {
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      while (reply.size() < limit) {
        int n = in.read(chunk, 0, Math.min(chunk.length, limit - reply.size()));
        if (n < 0) {
          break;
        }
        reply.write(chunk, 0, n);
      }
    } catch (SocketTimeoutException silence) {
      // The server keeps the connection open; what arrived so far is the reply.
    } catch (IOException reset) {
      // The server reset the connection; what arrived before is the reply.
    }
    return reply.toByteArray();
  }

  /** {@code text} in ISO-8859-1, as HTTP/1.1 sends its head. */
  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The concatenation of {@code parts}. */
  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  /**
   * An HTTP/2 frame.
   *
   * @param type the frame type, for example 0x1 for HEADERS
   * @param flags the flags, for example 0x5 for END_STREAM and END_HEADERS
   * @param streamId the stream, 0 for the connection
   * @param payload the payload; its length goes into the header as it is, up to 2^24 - 1
   */
  static byte[] h2Frame(int type, int flags, int streamId, byte[] payload) {
    return h2FrameHeader(payload.length, type, flags, streamId, payload);
  }

  /** A frame whose header announces {@code length} bytes, followed by {@code payload}. */
  static byte[] h2FrameHeader(int length, int type, int flags, int streamId, byte[] payload) {
    byte[] header = {
      (byte) (length >>> 16),
      (byte) (length >>> 8),
      (byte) length,
      (byte) type,
      (byte) flags,
      (byte) (streamId >>> 24 & 0x7f),
      (byte) (streamId >>> 16),
      (byte) (streamId >>> 8),
      (byte) streamId
    };
    return concat(header, payload);
  }

  /**
   * The HPACK block of {@code GET path} on {@code authority} over http, from the static table and
   * literals without Huffman coding or indexing; {@code path} and {@code authority} must be
   * shorter than 127 bytes.
   */
  static byte[] h2Get(String path, String authority) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.write(0x82); // :method GET
    block.write(0x86); // :scheme http
    literal(block, 0x04, path); // :path
    literal(block, 0x01, authority); // :authority
    return block.toByteArray();
  }

  private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
    byte[] bytes = ascii(value);
    if (bytes.length >= 127) {
      throw new IllegalArgumentException("too long for a one-byte length: " + value);
    }
    block.write(nameIndex);
    block.write(bytes.length);
    block.writeBytes(bytes);
  }
}
