package dev.respool.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DemoServer#deploy} with small unpacked WARs made here; the example WARs, deployed from the
 * demo's jar, are in {@code WarIT}.
 */
class WarDeploymentTest {

  private static final String FILTER_ONLY_WEB_XML = """
      <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
        <filter>
          <filter-name>respool</filter-name>
          <filter-class>dev.respool.RespoolFilter</filter-class>
        </filter>
        <filter-mapping>
          <filter-name>respool</filter-name>
          <url-pattern>/*</url-pattern>
        </filter-mapping>
      </web-app>
      """;

  @Test
  void aWarMustBringItsOwnFilterSinceTheDemosCopyIsHiddenFromIt(@TempDir Path dir)
      throws IOException {
    // The filter is on this test's class path, and would be on the demo jar's: a WAR that could
    // load it from there would mix two copies of respool as soon as it also bundled one.
    Path war = Files.createDirectories(dir.resolve("app/WEB-INF")).getParent();
    Files.writeString(war.resolve("WEB-INF/web.xml"), FILTER_ONLY_WEB_XML);
    int port = freePort();

    assertThatThrownBy(() -> DemoServer.deploy("127.0.0.1", port, war).close())
        .hasMessageContaining("dev.respool.RespoolFilter");
    // Nothing is left running: the port is free again.
    try (ServerSocket again = new ServerSocket(port)) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aDeployedWarIsServedAtTheRootAndItsFilterIsNotTheDemos(@TempDir Path dir) throws Exception {
    Path war = Files.createDirectories(dir.resolve("static/WEB-INF")).getParent();
    Files.writeString(war.resolve("hello.txt"), "hello\n");

    try (DemoServer server = DemoServer.deploy("127.0.0.1", 0, war)) {
      HttpClient client =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("hello.txt"))
          .timeout(Duration.ofSeconds(10))
          .build();

      assertThat(client.send(request, BodyHandlers.ofString()).body()).isEqualTo("hello\n");
      HttpRequest root =
          HttpRequest.newBuilder(server.uri()).timeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> listing = client.send(root, BodyHandlers.ofString());
      assertThat(listing.statusCode())
          .as("GET / on a WAR without a welcome file")
          .isNotEqualTo(200);
      assertThat(listing.body()).doesNotContain("hello.txt");
      assertThatThrownBy(server::respool)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("belongs to the WAR");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
