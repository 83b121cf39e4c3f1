package dev.respool.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpPrintsTheUsageAndSucceeds() throws Exception {
    int status = run("--help");

    assertThat(status).isZero();
    assertThat(text(out)).contains("--host", "--port", "--mode", "--war", "/bytes/{n}", "/stats");
    assertThat(text(err)).isEmpty();
  }

  @Test
  void aBadOptionExitsWith2AndOneLine() throws Exception {
    int status = run("--mode", "fast");

    assertThat(status).isEqualTo(2);
    assertThat(text(out)).isEmpty();
    assertThat(text(err).lines())
        .singleElement()
        .asString()
        .startsWith("respool demo: ")
        .contains("--mode", "copy, pool, detect, off");
  }

  @Test
  void aPortInUseExitsWith1AndOneLineSayingSo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      int status = run("--port", String.valueOf(port));

      assertThat(status).isEqualTo(1);
      assertThat(text(out)).isEmpty();
      assertThat(text(err).lines())
          .singleElement()
          .asString()
          .isEqualTo("respool demo: port " + port + " on 127.0.0.1 is in use"
              + " (Address already in use)");
    }
  }

  @Test
  void aWarThatDoesNotExistExitsWith2AndOneLineNamingIt() throws Exception {
    int status = run("--war", "no/such/app.war");

    assertThat(status).isEqualTo(2);
    assertThat(text(out)).isEmpty();
    assertThat(text(err).lines())
        .singleElement()
        .asString()
        .isEqualTo("respool demo: --war 'no/such/app.war' does not exist (see --help)");
  }

  @Test
  void modeWithWarExitsWith2AndOneLineNamingBoth(@TempDir Path dir) throws Exception {
    Path war = OptionsTest.war(dir.resolve("app.war"), "WEB-INF/web.xml");

    int status = run("--war", war.toString(), "--mode", "detect");

    assertThat(status).isEqualTo(2);
    assertThat(text(out)).isEmpty();
    assertThat(text(err).lines())
        .singleElement()
        .asString()
        .startsWith("respool demo: --mode and --war cannot be combined")
        .contains("-Drespool.mode=detect");
  }

  @Test
  void theReadyLineNamesTheWarBeforeTheUrl(@TempDir Path dir) throws Exception {
    Path war = Files.createDirectories(dir.resolve("shop/WEB-INF")).getParent();

    try (DemoServer server = DemoServer.deploy("127.0.0.1", 0, war)) {
      assertThat(Main.readyLine(server, Options.parse("--war", war.toString(), "--port", "0")))
          .isEqualTo("respool demo serving shop listening on http://127.0.0.1:" + server.port()
              + "/ (HTTP/1.1 and h2c)");
    }
  }

  @Test
  void theReadyLineOfTheDemoNamesItsMode() throws Exception {
    try (DemoServer server = DemoServer.start("127.0.0.1", 0, Mode.POOL)) {
      assertThat(Main.readyLine(server, Options.parse("--mode", "pool")))
          .isEqualTo("respool demo (mode pool) listening on http://127.0.0.1:" + server.port()
              + "/ (HTTP/1.1 and h2c)");
    }
  }

  private int run(String... args) throws InterruptedException {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
