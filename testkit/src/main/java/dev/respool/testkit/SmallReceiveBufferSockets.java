package dev.respool.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Gives each socket a fixed, small receive buffer, so that a client that does not read stops the
 * server's writes after a few KiB instead of the many MiB a self-tuning buffer may grow to. For
 * OkHttp's {@code socketFactory}: it makes unconnected sockets only.
 */
public final class SmallReceiveBufferSockets extends SocketFactory {
  private final int bytes;

  /**
   * @param bytes the receive buffer of every socket made
   */
  public SmallReceiveBufferSockets(int bytes) {
    this.bytes = bytes;
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new Socket();
    // Set before connecting, so that the window offered in the handshake already fits it.
    socket.setReceiveBufferSize(bytes);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw unconnectedOnly();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    throw unconnectedOnly();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    throw unconnectedOnly();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    throw unconnectedOnly();
  }

  private static UnsupportedOperationException unconnectedOnly() {
    // OkHttp creates unconnected sockets and connects them itself.
    return new UnsupportedOperationException("only unconnected sockets are made");
  }
}
