package dev.respool.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpPrintsTheUsageAndSucceeds() throws Exception {
    int status = run("--help");

    assertThat(status).isZero();
    assertThat(text(out)).contains("--host", "--port", "--mode", "/bytes/{n}", "/stats");
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
