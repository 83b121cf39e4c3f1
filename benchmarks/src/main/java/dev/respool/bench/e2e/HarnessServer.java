package dev.respool.bench.e2e;

import dev.respool.Respool;
import dev.respool.RespoolFilter;
import dev.respool.RespoolStats;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One server of the harness: an embedded container with one connector on {@code 127.0.0.1} and a
 * free port that serves HTTP/1.1 and h2c, both with prior knowledge and through {@code Upgrade},
 * and one context with the respool filter in the variant's mode (or no filter) in front of {@link
 * BodyServlet} at {@code /body/*}.
 *
 * <p>Every container registers the same way: the filter as {@code respool}, async-supported, with
 * init-param {@code mode}, for {@code /*} and the {@code REQUEST} and {@code ASYNC} dispatches; the
 * servlet async-supported. Each subclass maps that, and its connector, onto its container.
 */
abstract sealed class HarnessServer implements AutoCloseable permits JettyServer, TomcatServer {

  static final String HOST = "127.0.0.1";

  /** The name the filter is registered under. */
  static final String FILTER_NAME = "respool";

  /** The mapping of the servlet; the path info names the body. */
  static final String SERVLET_MAPPING = "/body/*";

  private final Container container;
  private final Variant variant;

  /** The filter instance the container runs, or null for the variant without a filter. */
  private final RespoolFilter filter;

  private final BodyServlet servlet;

  HarnessServer(Container container, Variant variant, Map<String, byte[]> bodies) {
    this.container = container;
    this.variant = variant;
    this.filter = variant.mode() == null ? null : new RespoolFilter();
    this.servlet = new BodyServlet(bodies, variant.mode() != null);
  }

  /**
   * Starts a server of {@code container} for {@code variant}.
   *
   * @param bodies the bodies to serve by path info, such as {@code /1024}
   * @throws IllegalStateException if the server does not start, or its filter runs in another mode
   *     than the variant's, as when the {@code respool.mode} system property is set
   */
  static HarnessServer start(Container container, Variant variant, Map<String, byte[]> bodies) {
    HarnessServer server = switch (container) {
      case JETTY -> new JettyServer(variant, bodies);
      case TOMCAT -> new TomcatServer(variant, bodies);
    };
    try {
      server.startContainer();
    } catch (Exception e) {
      server.closeQuietly(e);
      throw new IllegalStateException("the " + server.name() + " server did not start: " + e, e);
    }
    if (server.filter != null && server.respool().mode() != variant.mode()) {
      IllegalStateException wrongMode = new IllegalStateException("the respool filter of "
          + server.name() + " runs in mode " + server.respool().mode().id()
          + "; unset the system property " + RespoolFilter.MODE_PROPERTY
          + " so that each variant gets its own mode");
      server.closeQuietly(wrongMode);
      throw wrongMode;
    }
    return server;
  }

  /**
   * Starts the container.
   *
   * @throws Exception if it does not start, or starts without its connector or its context
   */
  abstract void startContainer() throws Exception;

  /** The port the connector listens on. */
  abstract int port();

  /** Stops the container and frees what it holds. */
  abstract void stopContainer() throws Exception;

  /**
   * The container's version and the settings of its connector that bear on the measurements, for
   * the JSON report.
   */
  abstract Map<String, Object> settings();

  Container container() {
    return container;
  }

  Variant variant() {
    return variant;
  }

  /** The filter to register, or null for the variant without a filter. */
  RespoolFilter filter() {
    return filter;
  }

  BodyServlet servlet() {
    return servlet;
  }

  /** The server as messages name it, such as {@code tomcat copy}. */
  String name() {
    return container.id() + " " + variant.id();
  }

  /** The URL of the body of {@code size} bytes. */
  URI bodyUri(int size) {
    return URI.create("http://" + HOST + ":" + port() + "/body/" + size);
  }

  /** The servlet's counters now. */
  BodyServlet.Counts counts() {
    return servlet.counts();
  }

  /** The filter's runtime, or null for the variant without a filter. */
  Respool respool() {
    return filter == null ? null : filter.respool();
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
      String where = name() + " " + version + " " + request.uri();
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
      stopContainer();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("the " + name() + " server did not stop cleanly", e);
    }
  }
}
