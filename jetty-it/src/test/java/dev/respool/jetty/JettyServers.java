package dev.respool.jetty;

import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.WebApp;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.http2.WindowRateControl;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The core Jetty server under every Jetty container of the suites, whichever environment (ee10,
 * ee11) builds its servlet contexts: one connector on 127.0.0.1, on a free port, speaking HTTP/1.1
 * and h2c.
 */
public final class JettyServers {

  /**
   * The loggers of Jetty's classes. Jetty logs through SLF4J, which reaches {@code
   * java.util.logging} under the same names in this module's tests (slf4j-jdk14).
   */
  public static final List<String> LOGGER_NAMES = List.of("org.eclipse.jetty");

  private JettyServers() {}

  /**
   * Starts a server with a context for each of {@code apps}.
   *
   * @param apps the applications, with distinct context paths
   * @param context builds the servlet context of one application in the caller's environment
   * @param settings the connector's send buffer and idle timeout; the idle timeout also ends an
   *     HTTP/2 stream that makes no progress
   * @return the running server
   * @throws Exception if the server cannot start; nothing is left running then
   */
  public static ServerUnderTest start(
      List<WebApp> apps, Function<WebApp, ContextHandler> context, ConnectorSettings settings)
      throws Exception {
    Server server = new Server();
    ServerConnector connector = connector(server, settings);
    server.addConnector(connector);
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    for (WebApp app : apps) {
      contexts.addHandler(context.apply(app));
    }
    server.setHandler(contexts);

    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    return new Running(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
  }

  private static ServerConnector connector(Server server, ConnectorSettings settings) {
    HttpConfiguration http = new HttpConfiguration();
    // HTTP/1.1 first: it also recognises the h2c preface and hands the connection over.
    HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
    // The suites' clients reset hundreds of streams a second on purpose; Jetty's guard against
    // rapid resets (128 a second per connection by default) would answer those with
    // ENHANCE_YOUR_CALM and fail streams that the tests mean to complete.
    h2c.setRateControlFactory(new WindowRateControl.Factory(100_000));
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http), h2c);
    connector.setHost("127.0.0.1");
    if (settings.sendBufferBytes() > 0) {
      connector.setAcceptedSendBufferSize(settings.sendBufferBytes());
    }
    if (!settings.idleTimeout().isZero()) {
      // Jetty's HTTP/2 streams take the idle timeout of their connector.
      connector.setIdleTimeout(settings.idleTimeout().toMillis());
    }
    return connector;
  }

  /** The context path Jetty expects for {@code app}: {@code /} for the root application. */
  public static String contextPath(WebApp app) {
    return app.contextPath().isEmpty() ? "/" : app.contextPath();
  }

  /** A server started by {@link #start}. */
  private record Running(Server server, URI uri) implements ServerUnderTest {
    @Override
    public void stop() throws Exception {
      server.stop();
    }
  }
}
