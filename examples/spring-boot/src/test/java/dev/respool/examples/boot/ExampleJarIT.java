package dev.respool.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.Wire;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repackaged jar, run with {@code java -jar} as its users run it: it starts, serves files over
 * HTTP/1.1 and h2c with matching digests, exposes the starter's meters, and refuses to start
 * without the directory it is told to serve.
 */
class ExampleJarIT {

  /** Generous: a cold start of the jar on a busy 2-core machine takes a few seconds. */
  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  @TempDir
  Path parent;

  @Test
  void jarServesFilesOverBothProtocolsWithMatchingDigests() throws Exception {
    Path served = TestFiles.create(parent);

    try (RunningJar jar =
        RunningJar.start("--server.port=0", "--" + FileStore.PROPERTY + "=" + served)) {
      String root = "http://127.0.0.1:" + jar.awaitPort(START_LIMIT) + "/";

      for (Wire wire : Wire.values()) {
        for (String route : List.of("files", "downloads")) {
          for (String name : List.of("small.bin", "several.bin")) {
            byte[] expected = Fetch.sha256(served.resolve(name));

            Fetch.Result result = Fetch.get(wire, root + route + "/" + name);

            String what = wire + " /" + route + "/" + name;
            assertThat(result.code()).as(what).isEqualTo(200);
            assertThat(result.protocol()).as(what).isEqualTo(wire.protocol());
            assertThat(result.sha256()).as(what).isEqualTo(expected);
            assertThat(ReprDigest.parse(result.headers().get(ReprDigest.HEADER)))
                .as(what)
                .isEqualTo(expected);
          }
        }
      }
      Fetch.assertLeasesBack(root);
      assertThat(Fetch.meter(root, "respool.acquires")).isPositive();
    }
  }

  @Test
  void jarRefusesToStartWithoutTheDirectoryItIsToServe() throws Exception {
    try (RunningJar jar =
        RunningJar.start("--server.port=0", "--" + FileStore.PROPERTY + "=/nonexistent/dir")) {
      int exit = jar.awaitExit(START_LIMIT);

      assertThat(exit).as("exit code; output:\n%s", jar.output()).isNotZero();
      assertThat(jar.output())
          .contains(FileStore.PROPERTY)
          .contains("/nonexistent/dir")
          .doesNotContain("Tomcat started");
    }
  }
}
