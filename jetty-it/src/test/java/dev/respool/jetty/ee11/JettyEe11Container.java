package dev.respool.jetty.ee11;

import dev.respool.jetty.JettyServers;
import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * Jetty 12.1 in its ee11 environment (Servlet 6.1) for the shared suites: the same core server as
 * the ee10 container, with ee11 servlet contexts. The demo application runs there as any other
 * application, since the demo server itself is built on ee10.
 */
public final class JettyEe11Container implements ServletContainer {

  @Override
  public String name() {
    return "Jetty 12.1 ee11";
  }

  @Override
  public List<String> loggerNames() {
    return JettyServers.LOGGER_NAMES;
  }

  @Override
  public ServerUnderTest start(List<WebApp> apps, ConnectorSettings connector) throws Exception {
    return JettyServers.start(apps, JettyEe11Container::context, connector);
  }

  private static ContextHandler context(WebApp app) {
    ServletContextHandler context = new ServletContextHandler(JettyServers.contextPath(app));
    context.addServletContainerInitializer(
        (classes, servletContext) -> app.register(servletContext));
    return context;
  }
}
