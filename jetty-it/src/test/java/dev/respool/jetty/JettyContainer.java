package dev.respool.jetty;

import dev.respool.Mode;
import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * Jetty 12.1 (ee10) for the shared suites. The demo application runs on the demo server itself,
 * so that the suites also cover what the demo's users run; other applications get a plain
 * embedded server with one context each.
 */
final class JettyContainer implements ServletContainer {

  @Override
  public String name() {
    return "Jetty 12.1 ee10";
  }

  @Override
  public ServerUnderTest startDemo(Mode mode) throws Exception {
    return TestServer.start(mode);
  }

  @Override
  public List<String> loggerNames() {
    return JettyServers.LOGGER_NAMES;
  }

  @Override
  public ServerUnderTest start(List<WebApp> apps, ConnectorSettings connector) throws Exception {
    return JettyServers.start(apps, JettyContainer::context, connector);
  }

  private static ContextHandler context(WebApp app) {
    ServletContextHandler context = new ServletContextHandler(JettyServers.contextPath(app));
    context.addServletContainerInitializer(
        (classes, servletContext) -> app.register(servletContext));
    return context;
  }
}
