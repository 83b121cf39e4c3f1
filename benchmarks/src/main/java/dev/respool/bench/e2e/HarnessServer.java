package dev.respool.bench.e2e;

import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.RespoolStats;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One embedded Jetty 12.1 server of the harness, set up like the demo server: one connector on
 * {@code 127.0.0.1} and a free port that serves HTTP/1.1, h2c with prior knowledge and h2c through
 * {@code Upgrade}, and an ee10 context with the respool filter in the variant's mode (or no filter)
 * in front of {@link BodyServlet} at {@code /body/*}.
 */
final class HarnessServer implements AutoCloseable {

  private static final String HOST = "127.0.0.1";

  private final Variant variant;
  private final Server server;
  private final ServerConnector connector;
  private final FilterHolder filter;
  private final BodyServlet servlet;

  private HarnessServer(
      Variant variant,
      Server server,
      ServerConnector connector,
      FilterHolder filter,
      BodyServlet servlet) {
    this.variant = variant;
    this.server = server;
    this.connector = connector;
    this.filter = filter;
    this.servlet = servlet;
  }

  /**
   * Starts a server for {@code variant}.
   *
   * @param bodies the bodies to serve by path info, such as {@code /1024}
   * @throws IllegalStateException if the server does not start, or its filter runs in another mode
   *     than the variant's, as when the {@code respool.mode} system property is set
   */
  static HarnessServer start(Variant variant, Map<String, byte[]> bodies) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("respool-e2e-" + variant.id());
    Server server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(
        server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost(HOST);
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder filter = null;
    if (variant.mode() != null) {
      filter = new FilterHolder(RespoolFilter.class);
      filter.setName("respool");
      filter.setAsyncSupported(true);
      filter.setInitParameter(RespoolFilter.MODE_PARAM, variant.mode().id());
      context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    }
    BodyServlet servlet = new BodyServlet(bodies, variant.mode() != null);
    ServletHolder holder = new ServletHolder("body", servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/body/*");
    server.setHandler(context);

    HarnessServer started = new HarnessServer(variant, server, connector, filter, servlet);
    try {
      server.start();
    } catch (Exception e) {
      started.closeQuietly(e);
      throw new IllegalStateException("the " + variant.id() + " server did not start: " + e, e);
    }
    if (filter != null && started.respool().mode() != variant.mode()) {
      IllegalStateException wrongMode = new IllegalStateException("the respool filter of variant "
          + variant.id() + " runs in mode " + started.respool().mode().id()
          + "; unset the system property " + RespoolFilter.MODE_PROPERTY
          + " so that each variant gets its own mode");
      started.closeQuietly(wrongMode);
      throw wrongMode;
    }
    return started;
  }

  Variant variant() {
    return variant;
  }

  /** The URL of the body of {@code size} bytes. */
  URI bodyUri(int size) {
    return URI.create("http://" + HOST + ":" + connector.getLocalPort() + "/body/" + size);
  }

  /** The servlet's counters now. */
  BodyServlet.Counts counts() {
    return servlet.counts();
  }

  /** The filter's runtime, or null for the variant without a filter. */
  Respool respool() {
    return filter == null ? null : ((RespoolFilter) filter.getFilter()).respool();
  }

  /** The filter's counters, or null for the variant without a filter. */
  RespoolStats respoolStats() {
    Respool respool = respool();
    return respool == null ? null : respool.stats();
  }

  /**
   * Waits until no request is in flight, for at most {@code timeout}.
   *
   * @return whether the server became idle in time
   */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (servlet.counts().inFlight() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  /**
   * Fetches {@code expected} over HTTP/1.1 and over HTTP/2 (h2c through {@code Upgrade}) and
   * compares status, {@code Content-Length}, protocol and every byte.
   *
   * @throws IllegalStateException naming the first difference
   */
  void verify(HttpClient client, int size, byte[] expected)
      throws IOException, InterruptedException {
    for (HttpClient.Version version : HttpClient.Version.values()) {
      HttpRequest request = HttpRequest.newBuilder(bodyUri(size))
          .version(version)
          .timeout(Duration.ofSeconds(30))
          .GET()
          .build();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      String where = variant.id() + " " + version + " " + request.uri();
      if (response.statusCode() != 200) {
        throw new IllegalStateException(where + ": status " + response.statusCode());
      }
      if (response.version() != version) {
        throw new IllegalStateException(where + ": answered over " + response.version());
      }
      OptionalLong length = response.headers().firstValueAsLong("content-length");
      if (length.isEmpty() || length.getAsLong() != expected.length) {
        throw new IllegalStateException(
            where + ": Content-Length " + length + ", expected " + expected.length);
      }
      int mismatch = Arrays.mismatch(response.body(), expected);
      if (mismatch >= 0) {
        throw new IllegalStateException(where + ": the body differs from byte " + mismatch
            + " (received " + response.body().length + " bytes)");
      }
    }
  }

  private void closeQuietly(Exception failure) {
    try {
      close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Stops the server. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the " + variant.id() + " server did not stop cleanly", e);
    }
  }
}
