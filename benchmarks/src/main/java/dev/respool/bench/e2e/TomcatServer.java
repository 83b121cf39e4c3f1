package dev.respool.bench.e2e;

import dev.respool.RespoolFilter;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.modeler.Registry;

/**
 * Embedded Tomcat 11: one NIO connector that speaks HTTP/1.1 and, through {@link Http2Protocol}
 * as its upgrade protocol, h2c with prior knowledge (as h2load asks for it) and through {@code
 * Upgrade: h2c} (as the JDK's client does when the bodies are checked); one root context.
 *
 * <p>Where Tomcat's defaults differ from Jetty's in a way that changes what the load tools
 * measure, the connector takes Jetty's value: at most 200 request threads (Tomcat's default too),
 * 128 concurrent streams per HTTP/2 connection (Tomcat allows 100) all of which may run at once
 * (Tomcat runs 20 per connection and queues the rest), and no limit on the requests an HTTP/1.1
 * connection may carry (Tomcat closes it after 100, so wrk would reconnect all the time). What
 * still differs: Jetty takes its selector and acceptor threads out of those 200, Tomcat runs its
 * poller and acceptor on threads of their own; each keeps its default response buffer (8 KiB on
 * Tomcat; 32 KiB on Jetty, which aggregates only writes below 8 KiB), so the 8 KiB writes of
 * {@code transferTo} and the 32 KiB writes of {@code Respool.copy} may take different paths in
 * each; and each keeps its own timeouts and HTTP/2 flow-control windows, which no measured cell
 * comes near.
 */
final class TomcatServer extends HarnessServer {

  /** Jetty's default pool size, and Tomcat's. */
  private static final int MAX_THREADS = 200;

  /** Jetty's default idle threads; Tomcat keeps 10. */
  private static final int MIN_SPARE_THREADS = 8;

  /** Jetty's default for h2c. */
  private static final int MAX_CONCURRENT_STREAMS = 128;

  /** How long the context, when it stops, waits for requests still in service to end. */
  private static final int UNLOAD_DELAY_MILLIS = 100;

  /**
   * Where the servers' base directories go, one directory per JVM. Each server deletes its own when
   * it stops, but Tomcat records the first one as {@code catalina.home} for the whole JVM and every
   * later server creates it again, empty, if it is gone: so the whole tree goes when the JVM exits.
   */
  private static final Path BASE_DIRS = baseDirs();

  /** Held so that the level set on it stays set; loggers that nothing holds can be collected. */
  private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

  static {
    // Each start logs a dozen INFO lines; warnings and errors still show.
    TOMCAT_LOG.setLevel(Level.WARNING);
    // One server per variant runs in this JVM; their MBeans would only compete for names.
    Registry.disableRegistry();
  }

  private final Tomcat tomcat;
  private final Connector connector;
  private final Http2Protocol h2;
  private final Context context;
  private final Path baseDir;

  TomcatServer(Variant variant, Map<String, byte[]> bodies) {
    super(Container.TOMCAT, variant, bodies);
    try {
      baseDir = Files.createTempDirectory(BASE_DIRS, variant.id() + "-");
    } catch (IOException e) {
      throw new IllegalStateException("no directory for Tomcat's work files: " + e, e);
    }
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());

    connector = new Connector(Http11NioProtocol.class.getName());
    connector.setPort(0);
    connector.setProperty("address", HOST);
    connector.setProperty("maxThreads", Integer.toString(MAX_THREADS));
    connector.setProperty("minSpareThreads", Integer.toString(MIN_SPARE_THREADS));
    connector.setProperty("maxKeepAliveRequests", "-1");
    // Stops at once: by default Tomcat gives the requests still in service up to 5 s to end.
    connector.setProperty("executorTerminationTimeoutMillis", "0");
    h2 = new Http2Protocol();
    h2.setMaxConcurrentStreams(MAX_CONCURRENT_STREAMS);
    h2.setMaxConcurrentStreamExecution(MAX_CONCURRENT_STREAMS);
    connector.addUpgradeProtocol(h2);
    tomcat.setConnector(connector);

    context = tomcat.addContext("", null);
    if (context instanceof StandardContext standard) {
      // Not 0: Tomcat 11 then waits for the servlet's requests to end without a bound.
      standard.setUnloadDelay(UNLOAD_DELAY_MILLIS);
      // The context's classes come from the harness's own class path, so there is nothing for
      // these leak checks at stop to find; left on, each warns that the JVM would need
      // --add-opens to look.
      standard.setClearReferencesThreadLocals(false);
      standard.setClearReferencesRmiTargets(false);
    }
    if (filter() != null) {
      FilterDef def = new FilterDef();
      def.setFilterName(FILTER_NAME);
      def.setFilter(filter());
      def.setAsyncSupported("true");
      def.addInitParameter(RespoolFilter.MODE_PARAM, variant.mode().id());
      context.addFilterDef(def);
      FilterMap mapping = new FilterMap();
      mapping.setFilterName(FILTER_NAME);
      mapping.addURLPattern("/*");
      mapping.setDispatcher(DispatcherType.REQUEST.name());
      mapping.setDispatcher(DispatcherType.ASYNC.name());
      context.addFilterMap(mapping);
    }
    Wrapper wrapper = Tomcat.addServlet(context, "body", servlet());
    wrapper.setAsyncSupported(true);
    context.addServletMapping(SERVLET_MAPPING, "body");
  }

  @Override
  void startContainer() throws Exception {
    tomcat.start();
    // Tomcat logs a connector or a context that failed to start instead of throwing.
    if (connector.getLocalPort() <= 0) {
      throw new LifecycleException("the connector did not bind to " + HOST);
    }
    if (!context.getState().isAvailable()) {
      throw new LifecycleException("the context did not start: " + context.getState());
    }
  }

  @Override
  int port() {
    return connector.getLocalPort();
  }

  @Override
  void stopContainer() throws Exception {
    try {
      tomcat.stop();
      tomcat.destroy();
    } finally {
      deleteTree(baseDir);
    }
  }

  @Override
  Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("version", Container.TOMCAT.version());
    settings.put("maxThreads", connector.getProperty("maxThreads"));
    settings.put("minSpareThreads", connector.getProperty("minSpareThreads"));
    settings.put("maxKeepAliveRequests", connector.getProperty("maxKeepAliveRequests"));
    settings.put("h2MaxConcurrentStreams", h2.getMaxConcurrentStreams());
    settings.put("h2MaxConcurrentStreamExecution", h2.getMaxConcurrentStreamExecution());
    return settings;
  }

  private static Path baseDirs() {
    try {
      Path directory = Files.createTempDirectory("respool-e2e-tomcat");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          deleteTree(directory);
        } catch (IOException e) {
          // Nothing is left to tell at exit; the directory stays in the system's temp folder.
        }
      }));
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("no directory for Tomcat's work files: " + e, e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
