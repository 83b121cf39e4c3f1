package dev.respool.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.RespoolStats;
import dev.respool.testkit.BodyClient;
import dev.respool.testkit.BodyClient.Pace;
import dev.respool.testkit.Io;
import dev.respool.testkit.Received;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.Wire;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deploys the WAR that the build made, as any servlet container would, into embedded Jetty through
 * a {@link WebAppContext}: the filter comes from {@code WEB-INF/web.xml} and nothing else.
 */
class WebappIT {

  private static final Path WAR = Path.of("target", "respool-example-webapp.war");

  private static Server server;
  private static URI root;

  @BeforeAll
  static void deploy() throws Exception {
    assertThat(WAR).as("the WAR built by mvn package").exists();
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    ServerConnector connector = new ServerConnector(
        server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath("/app");
    webapp.setWar(WAR.toAbsolutePath().toString());
    webapp.setTempDirectory(Files.createTempDirectory("respool-webapp").toFile());
    server.setHandler(webapp);
    server.start();
    root = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/");
  }

  @AfterAll
  static void undeploy() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "HTTP_1_1, BLOCKING, 0",
    "HTTP_1_1, ASYNC, 1048576",
    "HTTP_1_1, NAIVE, 4194304",
    "H2C, BLOCKING, 1048576",
    "H2C, ASYNC, 8191",
    "H2C, NAIVE, 4194304"
  })
  void theFilterFromWebXmlServesExactBodies(Wire wire, Io io, long length) throws Exception {
    Received received = BodyClient.get(root, wire, io, length, 11, Pace.FULL_SPEED);

    received.assertIntact();
    RespoolStats stats = StatsClient.assertLeasesReturned(root.resolve("stats"));
    assertThat(stats.mode()).isEqualTo("copy");
    if (length > 0) {
      assertThat(stats.acquires()).isPositive();
    }
  }
}
