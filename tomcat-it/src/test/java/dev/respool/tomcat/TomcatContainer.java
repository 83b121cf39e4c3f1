package dev.respool.tomcat;

import dev.respool.RespoolFilter;
import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * Embedded Tomcat 11 for the shared suites: one NIO connector on 127.0.0.1 that speaks HTTP/1.1
 * and, through {@link Http2Protocol} as its upgrade protocol, h2c both with prior knowledge and
 * through {@code Upgrade: h2c}; one context per application, registered as the demo server
 * registers its own on Jetty.
 */
final class TomcatContainer implements ServletContainer {

  @Override
  public String name() {
    return "Tomcat 11";
  }

  /** Where each server's base directory goes: Tomcat keeps its work files there. */
  private static final Path BASE_DIRS = Path.of("target", "tomcat");

  /** How long a context that stops waits for its servlets' requests in service to end. */
  private static final int UNLOAD_DELAY_MILLIS = 100;

  /** Held so that the level set on it stays set; loggers that nothing holds can be collected. */
  private static final Logger TOMCAT_LOG = Logger.getLogger("org.apache");

  static {
    // Each start logs a dozen INFO lines; warnings and errors still show.
    TOMCAT_LOG.setLevel(Level.WARNING);
    // Several servers run at once in one JVM; their MBeans would only compete for names.
    Registry.disableRegistry();
  }

  /** Tomcat's classes log through JULI, which sends to {@code java.util.logging}. */
  @Override
  public List<String> loggerNames() {
    return List.of(TOMCAT_LOG.getName());
  }

  @Override
  public ServerUnderTest start(List<WebApp> apps, ConnectorSettings settings) throws Exception {
    // Under the build's own directory, so that whatever a stop leaves behind goes with it.
    Path baseDir = Files.createTempDirectory(Files.createDirectories(BASE_DIRS), "server-");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector(Http11NioProtocol.class.getName());
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    // Stops nearly at once, as the suites' Jetty servers do: by default Tomcat gives requests
    // still in service up to 5 s to end, and each context up to 2 s more (its unload delay).
    connector.setProperty("executorTerminationTimeoutMillis", "0");
    if (settings.sendBufferBytes() > 0) {
      connector.setProperty("socket.txBufSize", Integer.toString(settings.sendBufferBytes()));
    }
    Http2Protocol h2 = new Http2Protocol();
    if (!settings.idleTimeout().isZero()) {
      idleTimeout(connector, h2, settings.idleTimeout().toMillis());
    }
    connector.addUpgradeProtocol(h2);
    tomcat.setConnector(connector);
    List<Context> contexts = new ArrayList<>();
    for (WebApp app : apps) {
      contexts.add(deploy(tomcat, app));
    }

    Running server = new Running(tomcat, baseDir, connector);
    try {
      tomcat.start();
      // Tomcat logs a connector or a context that failed to start instead of throwing.
      if (connector.getLocalPort() <= 0) {
        throw new LifecycleException("the connector did not bind to 127.0.0.1");
      }
      for (Context context : contexts) {
        if (!context.getState().isAvailable()) {
          throw new LifecycleException(
              "context '" + context.getPath() + "' did not start: " + context.getState());
        }
      }
    } catch (Exception e) {
      server.stopAfter(e);
      throw e;
    }
    return server;
  }

  /**
   * Gives every wait for the peer the same bound, as Jetty's one idle timeout does: HTTP/1.1 reads
   * and writes (the connection timeout, which also bounds keep-alive), and each HTTP/2 timeout,
   * among them the wait for the client to open its flow-control window to a stream.
   */
  private static void idleTimeout(Connector connector, Http2Protocol h2, long millis) {
    connector.setProperty("connectionTimeout", Long.toString(millis));
    h2.setReadTimeout(millis);
    h2.setWriteTimeout(millis);
    h2.setKeepAliveTimeout(millis);
    h2.setStreamReadTimeout(millis);
    h2.setStreamWriteTimeout(millis);
  }

  private static Context deploy(Tomcat tomcat, WebApp app) {
    Context context = tomcat.addContext(app.contextPath(), null);
    if (context instanceof StandardContext standard) {
      // Not 0: Tomcat 11 then waits for its servlets' requests to end without a bound.
      standard.setUnloadDelay(UNLOAD_DELAY_MILLIS);
    }
    if (app.filtered()) {
      FilterDef filter = new FilterDef();
      filter.setFilterName("respool");
      filter.setFilterClass(RespoolFilter.class.getName());
      filter.setAsyncSupported("true");
      app.filterInitParams().forEach(filter::addInitParameter);
      context.addFilterDef(filter);
      FilterMap mapping = new FilterMap();
      mapping.setFilterName("respool");
      mapping.addURLPatternDecoded("/*");
      mapping.setDispatcher(DispatcherType.REQUEST.name());
      mapping.setDispatcher(DispatcherType.ASYNC.name());
      context.addFilterMap(mapping);
    }
    int index = 0;
    for (var servlet : app.servlets().entrySet()) {
      String name = "servlet-" + index++;
      Wrapper wrapper = Tomcat.addServlet(context, name, servlet.getValue());
      wrapper.setAsyncSupported(true);
      context.addServletMappingDecoded(servlet.getKey(), name);
    }
    return context;
  }

  /** A server started by {@link #start}, and the directory Tomcat works in. */
  private static final class Running implements ServerUnderTest {
    private final Tomcat tomcat;
    private final Path baseDir;
    private final Connector connector;

    Running(Tomcat tomcat, Path baseDir, Connector connector) {
      this.tomcat = tomcat;
      this.baseDir = baseDir;
      this.connector = connector;
    }

    @Override
    public URI uri() {
      return URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @Override
    public void stop() throws Exception {
      try {
        tomcat.stop();
        tomcat.destroy();
      } finally {
        deleteTree(baseDir);
      }
    }

    private static void deleteTree(Path root) throws IOException {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
