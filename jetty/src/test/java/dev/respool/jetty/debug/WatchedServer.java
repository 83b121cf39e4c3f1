package dev.respool.jetty.debug;

import dev.respool.Mode;
import dev.respool.RespoolFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.Map;
import okhttp3.HttpUrl;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty on a free port of 127.0.0.1, speaking HTTP/1.1 and h2c on one connector: one
 * Servlet context with the respool filter in front of the given servlets, wrapped in a {@link
 * RetentionWatch} as a debug run would wrap it.
 */
final class WatchedServer {

  private final Server server;
  private final RetentionWatch watch;
  private final HttpUrl root;

  private WatchedServer(Server server, RetentionWatch watch, int port) {
    this.server = server;
    this.watch = watch;
    this.root = HttpUrl.get("http://127.0.0.1:" + port + "/");
  }

  /**
   * Starts a server.
   *
   * @param mode the filter's mode; only {@code detect} gives the watch a pool to watch
   * @param servlets the servlets by URL pattern; each is async-supported
   * @param sendBufferBytes the socket send buffer of accepted connections, or 0 for the default
   */
  static WatchedServer start(Mode mode, Map<String, HttpServlet> servlets, int sendBufferBytes)
      throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // HTTP/1.1 first: it also recognises the h2c preface and hands the connection over.
    ServerConnector connector = new ServerConnector(
        server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    if (sendBufferBytes > 0) {
      connector.setAcceptedSendBufferSize(sendBufferBytes);
    }
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder filter = new FilterHolder(RespoolFilter.class);
    filter.setName("respool");
    filter.setAsyncSupported(true);
    filter.setInitParameter(RespoolFilter.MODE_PARAM, mode.id());
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    servlets.forEach((pattern, servlet) -> {
      ServletHolder holder = new ServletHolder(servlet);
      holder.setAsyncSupported(true);
      context.addServlet(holder, pattern);
    });
    RetentionWatch watch = RetentionWatch.around(context);
    server.setHandler(watch);

    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new WatchedServer(server, watch, connector.getLocalPort());
  }

  /** The root of the context, ending in {@code /}. */
  HttpUrl root() {
    return root;
  }

  /** The watch around the context. */
  RetentionWatch watch() {
    return watch;
  }

  /**
   * Waits until Jetty completed every watched write, so that the counters are final: a client can
   * hold the whole body a moment before the last write's callback runs on the server. Gives up
   * after {@code maxPolls} polls 10 ms apart.
   *
   * @return whether no watched write is pending
   */
  boolean awaitWritesCompleted(int maxPolls) throws InterruptedException {
    for (int i = 0; i < maxPolls && watch.writesPending() > 0; i++) {
      Thread.sleep(10);
    }
    return watch.writesPending() == 0;
  }

  void stop() throws Exception {
    server.stop();
  }
}
