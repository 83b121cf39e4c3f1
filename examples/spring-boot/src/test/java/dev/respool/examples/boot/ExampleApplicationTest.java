package dev.respool.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.testkit.ReprDigest;
import dev.respool.testkit.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application as its users run it, on Tomcat with its own {@code application.properties},
 * serving a directory made by {@link TestFiles}: bodies over HTTP/1.1 and h2c match the files and
 * their {@code Repr-Digest}, bad and escaping names are refused, and the starter's meters show
 * every lease back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {

  @TempDir
  static Path parent;

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void servedDirectory(DynamicPropertyRegistry registry) {
    registry.add(FileStore.PROPERTY, () -> {
      try {
        return TestFiles.create(parent).toString();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private String root() {
    return "http://127.0.0.1:" + port + "/";
  }

  static Stream<Arguments> bodies() {
    List<Arguments> cases = new ArrayList<>();
    for (Wire wire : Wire.values()) {
      for (String route : List.of("files", "downloads")) {
        for (String name : TestFiles.NAMES) {
          cases.add(Arguments.of(wire, route, name));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} /{1}/{2}")
  @MethodSource("bodies")
  void bodyIsTheFileAndMatchesItsReprDigest(Wire wire, String route, String name) throws Exception {
    byte[] expected = Fetch.sha256(parent.resolve("served").resolve(name));

    Fetch.Result result = Fetch.get(wire, root() + route + "/" + name);

    assertThat(result.code()).isEqualTo(200);
    assertThat(result.protocol()).isEqualTo(wire.protocol());
    assertThat(result.headers().get("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(result.headers().get("Content-Length"))
        .isEqualTo(Long.toString(TestFiles.size(name)));
    assertThat(result.length()).isEqualTo(TestFiles.size(name));
    assertThat(result.sha256()).as("SHA-256 of the body received").isEqualTo(expected);
    assertThat(ReprDigest.parse(result.headers().get(ReprDigest.HEADER)))
        .as("Repr-Digest sent")
        .isEqualTo(expected);
  }

  static Stream<Arguments> routes() {
    return Stream.of(Wire.values())
        .flatMap(wire -> Stream.of("files", "downloads").map(route -> Arguments.of(wire, route)));
  }

  @ParameterizedTest(name = "{0} /{1}")
  @MethodSource("routes")
  void headSendsTheHeadersOfTheBodyWithoutIt(Wire wire, String route) throws Exception {
    byte[] expected = Fetch.sha256(parent.resolve("served").resolve("several.bin"));

    Fetch.Result result = Fetch.head(wire, root() + route + "/several.bin");

    assertThat(result.code()).isEqualTo(200);
    assertThat(result.headers().get("Content-Length"))
        .isEqualTo(Long.toString(TestFiles.size("several.bin")));
    assertThat(ReprDigest.parse(result.headers().get(ReprDigest.HEADER))).isEqualTo(expected);
    assertThat(result.length()).isZero();
  }

  @Test
  void listingNamesTheFilesThatCanBeServedWithTheirSizes() throws Exception {
    Fetch.Result result = Fetch.get(Wire.HTTP_1_1, root() + "files");

    assertThat(result.code()).isEqualTo(200);
    JsonNode listing = JsonMapper.builder().build().readTree(result.text());
    List<String> entries = new ArrayList<>();
    listing.forEach(entry ->
        entries.add(entry.path("name").asString() + "=" + entry.path("size").asLong()));
    // No hidden file, no directory, and no link that leads out of the directory.
    assertThat(entries)
        .containsExactly("alias.bin=1024", "empty.bin=0", "several.bin=5242887", "small.bin=1024");
  }

  static Stream<Arguments> badNames() {
    return Stream.of(Wire.values())
        .flatMap(wire -> Stream.of(
            Arguments.of(wire, ".hidden", ".hidden"),
            Arguments.of(wire, "a..b", "a..b"),
            Arguments.of(wire, "...", "..."),
            Arguments.of(wire, "tab%09name", "tab\\u0009name"),
            Arguments.of(wire, "escape%1Bname", "escape\\u001bname")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badNames")
  void badNamesAreRefusedWith400NamingThem(Wire wire, String encoded, String shown)
      throws Exception {
    for (String route : List.of("files", "downloads")) {
      Fetch.Result result = Fetch.get(wire, root() + route + "/" + encoded);

      assertThat(result.code()).as("status of /%s/%s", route, encoded).isEqualTo(400);
      assertThat(Fetch.problemDetail(result))
          .startsWith("'" + shown + "' is not a plain file name: ");
    }
  }

  /** Tomcat refuses these itself, before the application sees them; 400 all the same. */
  @ParameterizedTest
  @ValueSource(strings = {"a%2Fb", "a%5Cb", "nul%00name"})
  void namesTheServerRefusesFirstAre400Too(String encoded) throws Exception {
    for (Wire wire : Wire.values()) {
      for (String route : List.of("files", "downloads")) {
        Fetch.Result result = Fetch.get(wire, root() + route + "/" + encoded);

        assertThat(result.code()).as("%s /%s/%s", wire, route, encoded).isEqualTo(400);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void missingFileIs404(Wire wire) throws Exception {
    for (String route : List.of("files", "downloads")) {
      Fetch.Result result = Fetch.get(wire, root() + route + "/missing.bin");

      assertThat(result.code()).isEqualTo(404);
      assertThat(Fetch.problemDetail(result)).isEqualTo("no file named 'missing.bin'");
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void linkOutOfTheDirectoryIsNotFollowed(Wire wire) throws Exception {
    for (String route : List.of("files", "downloads")) {
      Fetch.Result result = Fetch.get(wire, root() + route + "/escape.bin");

      assertThat(result.code()).isEqualTo(404);
      assertThat(result.text()).doesNotContain(TestFiles.SECRET);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/files/..%2Fsecret.txt",
        "/files/..%2fsecret.txt",
        "/files/%2e%2e%2fsecret.txt",
        "/files/%2E%2E/secret.txt",
        "/files/../secret.txt",
        "/files/..%5Csecret.txt",
        "/files/..\\secret.txt",
        "/files/%252e%252e%252fsecret.txt",
        "/files/..;/secret.txt",
        "/files/%2F..%2F..%2Fsecret.txt",
        "/downloads/..%2Fsecret.txt",
        "/downloads/%2e%2e/%2e%2e/served/../secret.txt",
        "/files/escape.bin/../../secret.txt"
      })
  void traversalNeverServesAFileOutsideTheDirectory(String target) throws Exception {
    String raw = Fetch.raw(port, target);

    assertThat(raw).doesNotContain(TestFiles.SECRET);
    assertThat(raw).matches("(?s)HTTP/1\\.1 (400|404) .*");
    for (Wire wire : Wire.values()) {
      // OkHttp may normalise the target before sending it; it must not get the file either way.
      Fetch.Result result = Fetch.get(wire, root() + target.substring(1));

      assertThat(result.code()).as("%s %s", wire, target).isIn(400, 404);
      assertThat(result.text()).doesNotContain(TestFiles.SECRET);
    }
  }

  @Test
  void metersShowEveryLeaseBackAfterTheDownloads() throws Exception {
    for (Wire wire : Wire.values()) {
      for (String route : List.of("files", "downloads")) {
        assertThat(Fetch.get(wire, root() + route + "/several.bin").code()).isEqualTo(200);
      }
    }

    Fetch.assertLeasesBack(root());
    assertThat(Fetch.meter(root(), "respool.acquires")).isPositive();
    assertThat(Fetch.meter(root(), "respool.leases.abandoned")).isZero();
  }

  /**
   * In {@code copy} mode respool copies only arrays it does not own; the arrays of its own
   * non-blocking copy are leases already and need no second copy. Spring MVC hands the controller
   * a response whose output stream it wraps ({@code StandardServletAsyncWebRequest}'s lifecycle
   * wrapper), so the filter has to recognise its leases beneath that wrapper too.
   */
  @ParameterizedTest
  @EnumSource(Wire.class)
  void asyncDownloadMakesNoDefensiveCopies(Wire wire) throws Exception {
    Fetch.assertLeasesBack(root());
    double before = Fetch.meter(root(), "respool.defensive.copies");

    Fetch.Result result = Fetch.get(wire, root() + "downloads/several.bin");

    assertThat(result.code()).isEqualTo(200);
    assertThat(result.length()).isEqualTo(TestFiles.size("several.bin"));
    Fetch.assertLeasesBack(root());
    assertThat(Fetch.meter(root(), "respool.defensive.copies") - before)
        .as("defensive copies made during one download of %d bytes", result.length())
        .isZero();
  }
}
