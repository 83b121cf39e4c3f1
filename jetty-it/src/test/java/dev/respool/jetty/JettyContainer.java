package dev.respool.jetty;

import dev.respool.Mode;
import dev.respool.RespoolFilter;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Jetty 12.1 (ee10) for the shared suites. The demo application runs on the demo server itself,
 * so that the suites also cover what the demo's users run; other applications get a plain
 * embedded server with one context each.
 */
final class JettyContainer implements ServletContainer {

  @Override
  public ServerUnderTest startDemo(Mode mode) throws Exception {
    return TestServer.start(mode);
  }

  @Override
  public ServerUnderTest start(List<WebApp> apps, int sendBufferBytes) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // HTTP/1.1 first: it also recognises the h2c preface and hands the connection over.
    ServerConnector connector = new ServerConnector(
        server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    if (sendBufferBytes > 0) {
      connector.setAcceptedSendBufferSize(sendBufferBytes);
    }
    server.addConnector(connector);
    ContextHandlerCollection contexts = new ContextHandlerCollection();
    for (WebApp app : apps) {
      contexts.addHandler(context(app));
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

  private static ServletContextHandler context(WebApp app) {
    ServletContextHandler context =
        new ServletContextHandler(app.contextPath().isEmpty() ? "/" : app.contextPath());
    if (app.filtered()) {
      FilterHolder filter = new FilterHolder(RespoolFilter.class);
      filter.setName("respool");
      filter.setAsyncSupported(true);
      filter.setInitParameter(RespoolFilter.MODE_PARAM, app.mode().id());
      context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    }
    app.servlets().forEach((pattern, servlet) -> {
      ServletHolder holder = new ServletHolder(servlet);
      holder.setAsyncSupported(true);
      context.addServlet(holder, pattern);
    });
    return context;
  }

  /** A server started by {@link #start}. */
  private record Running(Server server, URI uri) implements ServerUnderTest {
    @Override
    public void stop() throws Exception {
      server.stop();
    }
  }
}
