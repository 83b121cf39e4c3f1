package dev.respool.bench.e2e;

import dev.respool.RespoolFilter;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Embedded Jetty 12.1, set up like the demo server: one connector whose HTTP/1.1 and h2c
 * connection factories share one {@link HttpConfiguration}, and an ee10 context. Everything else
 * is Jetty's default, which {@link TomcatServer} follows where it matters.
 */
final class JettyServer extends HarnessServer {

  private final Server server;
  private final QueuedThreadPool threads;
  private final ServerConnector connector;
  private final HTTP2CServerConnectionFactory h2c;

  JettyServer(Variant variant, Map<String, byte[]> bodies) {
    super(Container.JETTY, variant, bodies);
    threads = new QueuedThreadPool();
    threads.setName("respool-e2e-jetty-" + variant.id());
    server = new Server(threads);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    h2c = new HTTP2CServerConnectionFactory(http);
    connector = new ServerConnector(server, new HttpConnectionFactory(http), h2c);
    connector.setHost(HOST);
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/");
    if (filter() != null) {
      FilterHolder holder = new FilterHolder(filter());
      holder.setName(FILTER_NAME);
      holder.setAsyncSupported(true);
      holder.setInitParameter(RespoolFilter.MODE_PARAM, variant.mode().id());
      context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
    }
    ServletHolder holder = new ServletHolder("body", servlet());
    holder.setAsyncSupported(true);
    context.addServlet(holder, SERVLET_MAPPING);
    server.setHandler(context);
  }

  @Override
  void startContainer() throws Exception {
    server.start();
  }

  @Override
  int port() {
    return connector.getLocalPort();
  }

  @Override
  void stopContainer() throws Exception {
    server.stop();
  }

  @Override
  Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("version", Container.JETTY.version());
    // Jetty's selector and acceptor threads come out of this pool too.
    settings.put("maxThreads", threads.getMaxThreads());
    settings.put("minThreads", threads.getMinThreads());
    settings.put("h2MaxConcurrentStreams", h2c.getMaxConcurrentStreams());
    settings.put("outputBufferSize", h2c.getHttpConfiguration().getOutputBufferSize());
    settings.put("outputAggregationSize", h2c.getHttpConfiguration().getOutputAggregationSize());
    return settings;
  }
}
