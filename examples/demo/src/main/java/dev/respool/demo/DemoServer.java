package dev.respool.demo;

import dev.respool.Mode;
import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.testkit.BytesServlet;
import dev.respool.testkit.StatsServlet;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty 12 server with the respool filter in front of {@link BytesServlet} and {@link
 * StatsServlet}:
 *
 * <ul>
 *   <li>{@code GET /bytes/{n}?seed={s}&io={blocking|async|naive}}: a deterministic body with its
 *       {@code Repr-Digest};
 *   <li>{@code GET /stats}: the filter's counters as JSON.
 * </ul>
 *
 * <p>Or, started with {@link #deploy}, the same server with a web application in their place,
 * which registers the filter itself.
 *
 * <p>One connector serves HTTP/1.1, h2c with prior knowledge and h2c through {@code Upgrade}, so
 * the same URL works with any of them.
 *
 * <pre>{@code
 * try (DemoServer server = DemoServer.start("127.0.0.1", 0, Mode.COPY)) {
 *   URI body = server.uri().resolve("bytes/1000?seed=7");
 *   ...
 * }
 * }</pre>
 */
public final class DemoServer implements AutoCloseable {

  private final Server server;
  private final ServerConnector connector;
  /** The demo's own filter; null when the server deploys a WAR, which registers its own. */
  private final FilterHolder filter;

  private final String host;

  private DemoServer(Server server, ServerConnector connector, FilterHolder filter, String host) {
    this.server = server;
    this.connector = connector;
    this.filter = filter;
    this.host = host;
  }

  /**
   * Starts a server.
   *
   * @param host the address to listen on, for example {@code 127.0.0.1}
   * @param port the port, or 0 for any free one
   * @param mode the filter's mode, or null for the filter's own default
   * @return the running server
   * @throws Exception if the server cannot start, for example because the port is taken; nothing
   *     is left running then
   */
  public static DemoServer start(String host, int port, Mode mode) throws Exception {
    return start(host, port, mode, connector -> {});
  }

  /**
   * Starts a server after letting {@code customizer} adjust its connector, for example its idle
   * timeout or its socket buffer sizes.
   *
   * @param host the address to listen on, for example {@code 127.0.0.1}
   * @param port the port, or 0 for any free one
   * @param mode the filter's mode, or null for the filter's own default
   * @param customizer called once with the connector before the server starts
   * @return the running server
   * @throws Exception if the server cannot start; nothing is left running then
   */
  public static DemoServer start(
      String host, int port, Mode mode, Consumer<ServerConnector> customizer) throws Exception {
    FilterHolder filter = filter(mode);
    return start(host, port, customizer, context(filter), filter);
  }

  /**
   * Starts a server that serves a web application at {@code /} in place of the demo's servlets.
   * The application registers the respool filter itself, in {@code WEB-INF/web.xml} or with
   * {@code @WebFilter} (annotations in {@code WEB-INF/classes} and {@code WEB-INF/lib} are
   * scanned), and must bring respool in {@code WEB-INF/lib}, as it would in any servlet container:
   * the demo's own copy is hidden from it. The {@code respool.mode} system property still
   * overrides the filter's settings.
   *
   * @param host the address to listen on, for example {@code 127.0.0.1}
   * @param port the port, or 0 for any free one
   * @param war a WAR file, or an unpacked WAR directory
   * @return the running server; its {@link #respool()} is not available, since the filter belongs
   *     to the application
   * @throws Exception if the server cannot start or the application fails to start, for example
   *     because its filter class is missing; nothing is left running then
   */
  public static DemoServer deploy(String host, int port, Path war) throws Exception {
    Objects.requireNonNull(war, "war");
    return start(host, port, connector -> {}, WarContext.create(war), null);
  }

  private static DemoServer start(
      String host,
      int port,
      Consumer<ServerConnector> customizer,
      Handler handler,
      FilterHolder filter)
      throws Exception {
    Objects.requireNonNull(host, "host");
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("respool-demo");
    Server server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // HTTP/1.1 first: it also recognises the h2c preface and Upgrade: h2c, and hands them over.
    ServerConnector connector = new ServerConnector(
        server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    customizer.accept(connector);
    server.addConnector(connector);
    server.setHandler(handler);

    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw e;
    }
    return new DemoServer(server, connector, filter, host);
  }

  private static FilterHolder filter(Mode mode) {
    FilterHolder filter = new FilterHolder(RespoolFilter.class);
    filter.setName("respool");
    filter.setAsyncSupported(true);
    if (mode != null) {
      filter.setInitParameter(RespoolFilter.MODE_PARAM, mode.id());
    }
    return filter;
  }

  private static ServletContextHandler context(FilterHolder filter) {
    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));

    ServletHolder bytes = new ServletHolder("bytes", new BytesServlet());
    bytes.setAsyncSupported(true);
    context.addServlet(bytes, "/bytes/*");
    context.addServlet(new ServletHolder("stats", new StatsServlet()), "/stats");
    // Any other path gets the 404 of the default servlet Jetty adds.
    return context;
  }

  /** The port the server listens on; the one chosen by the system when started with port 0. */
  public int port() {
    return connector.getLocalPort();
  }

  /**
   * The runtime of the server's respool filter: its mode, which a {@code respool.mode} system
   * property may have set instead of the one asked for, and its counters.
   *
   * @throws IllegalStateException if the server serves a WAR: its filter is a class of the WAR's
   *     own class loader, which the caller cannot see; the WAR's endpoints show its counters
   */
  public Respool respool() {
    if (filter == null) {
      throw new IllegalStateException(
          "a deployed WAR's filter belongs to the WAR; read its counters from the WAR's endpoints");
    }
    return ((RespoolFilter) filter.getFilter()).respool();
  }

  /** The host the server was started on. */
  public String host() {
    return host;
  }

  /** The server's root, for example {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    String literal = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + literal + ":" + port() + "/");
  }

  /** Blocks until the server has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }

  /** Stops the server and frees its port. */
  public void stop() throws Exception {
    server.stop();
  }

  /**
   * Same as {@link #stop()}, with a failure to stop rethrown unchecked, so that try-with-resources
   * needs no catch for it.
   */
  @Override
  public void close() {
    try {
      stop();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the demo server did not stop cleanly", e);
    }
  }
}
