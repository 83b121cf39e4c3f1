package dev.respool.examples.annotated;

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
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deploys the WAR that the build made into embedded Tomcat, which scans it for annotations: the
 * filter and the servlets are registered by {@code @WebFilter} and {@code @WebServlet} alone.
 */
class AnnotatedIT {

  private static final Path WAR = Path.of("target", "respool-example-annotated.war");

  private static Tomcat tomcat;
  private static URI root;

  @BeforeAll
  static void deploy() throws Exception {
    assertThat(WAR).as("the WAR built by mvn package").exists();
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("respool-annotated").toString());
    // No JSP support on the class path: leave out the default servlets' descriptor.
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Connector connector = new Connector(Http11NioProtocol.class.getName());
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.addUpgradeProtocol(new Http2Protocol());
    tomcat.setConnector(connector);
    Context context = tomcat.addWebapp("/app", WAR.toAbsolutePath().toString());
    tomcat.start();
    assertThat(context.getState()).isEqualTo(LifecycleState.STARTED);
    root = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/");
  }

  @AfterAll
  static void undeploy() throws Exception {
    if (tomcat != null) {
      tomcat.stop();
      tomcat.destroy();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "HTTP_1_1, BLOCKING, 1048576",
    "HTTP_1_1, ASYNC, 4194304",
    "H2C, BLOCKING, 8191",
    "H2C, ASYNC, 1048576",
    "H2C, NAIVE, 4194304"
  })
  void theAnnotatedFilterServesExactBodies(Wire wire, Io io, long length) throws Exception {
    Received received = BodyClient.get(root, wire, io, length, 5, Pace.FULL_SPEED);

    received.assertIntact();
    RespoolStats stats = StatsClient.assertLeasesReturned(root.resolve("stats"));
    assertThat(stats.mode()).isEqualTo("copy");
    assertThat(stats.acquires()).isPositive();
  }
}
