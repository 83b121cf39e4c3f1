package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import dev.respool.testkit.Wire;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guarded response behaves as the container's own: each servlet here runs in an application
 * without the filter and in one with it, and both answers must be the same.
 */
public abstract class ServletSemanticsSuite extends ContainerSuite {

  private ServerUnderTest server;

  /**
   * Compares the answers of the container with and without the filter.
   *
   * @param container the container that starts the one server, with all three applications
   */
  protected ServletSemanticsSuite(ServletContainer container) {
    super(container);
  }

  /** Starts one server with the servlets at {@code /plain}, {@code /copy} and {@code /detect}. */
  @Override
  protected void startServers() throws Exception {
    List<WebApp> apps = List.of(
        new WebApp("/plain", null, SemanticServlets.byPath()),
        new WebApp("/copy", Mode.COPY, SemanticServlets.byPath()),
        new WebApp("/detect", Mode.DETECT, SemanticServlets.byPath()));
    server = stopAfterAll(container().start(apps, 0));
  }

  /** Every servlet, in each filtered application, over both protocols. */
  protected static Stream<Arguments> cases() {
    return Stream.of(Wire.values())
        .flatMap(wire -> SemanticServlets.byPath().keySet().stream()
            .flatMap(path -> Stream.of("/copy", "/detect").map(c -> Arguments.of(wire, c, path))));
  }

  /** The filtered application answers with the status, headers and body of the plain one. */
  @ParameterizedTest(name = "{0} {1}{2}")
  @MethodSource("cases")
  public void theGuardedResponseAnswersAsTheContainerDoes(Wire wire, String context, String path)
      throws IOException {
    Answer plain = fetch(wire, "/plain" + path);
    Answer guarded = fetch(wire, context + path);

    String seen = "answers with the filter: " + guarded + ", without: " + plain;
    assertThat(guarded.status).as(seen).isEqualTo(plain.status);
    assertThat(guarded.contentType).as(seen).isEqualTo(plain.contentType);
    assertThat(guarded.original).as(seen).isEqualTo(plain.original);
    assertThat(guarded.contentLength).as(seen).isEqualTo(plain.contentLength);
    assertThat(guarded.body).as(seen).isEqualTo(plain.body);
    assertThat(plain.body).isNotEmpty();
  }

  private record Answer(
      int status, String contentType, String contentLength, String original, byte[] body) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.ISO_8859_1);
      return status + " " + contentType + " length " + contentLength + " original " + original
          + " [" + text + "]";
    }
  }

  private Answer fetch(Wire wire, String path) throws IOException {
    Request request = new Request.Builder()
        .url(server.uri().resolve(path.substring(1)).toString())
        .build();
    try (Response response = wire.client().newCall(request).execute()) {
      return new Answer(
          response.code(),
          response.header("Content-Type"),
          response.header("Content-Length"),
          response.header("X-Original"),
          response.body().bytes());
    }
  }
}
