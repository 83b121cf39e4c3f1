package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.StatsClient;
import dev.respool.testkit.StatsServlet;
import dev.respool.testkit.WebApp;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One application per mode on one server, each at {@code /} and its mode's id, with its own filter
 * and so its own counters at {@code stats}: every mode then runs on the same container instance
 * and connector settings.
 */
final class ModeApps {

  private ModeApps() {}

  /**
   * An application for every mode, each with new instances of {@code servlets} and a {@link
   * StatsServlet} at {@code /stats}.
   */
  static List<WebApp> of(Supplier<Map<String, HttpServlet>> servlets) {
    return Stream.of(Mode.values())
        .map(mode -> {
          Map<String, HttpServlet> all = new LinkedHashMap<>(servlets.get());
          all.put("/stats", new StatsServlet());
          return new WebApp("/" + mode.id(), mode, all);
        })
        .toList();
  }

  /** The root of the application in {@code mode}, ending in {@code /}. */
  static URI root(ServerUnderTest server, Mode mode) {
    return server.uri().resolve(mode.id() + "/");
  }

  /** The counters URL of the application in {@code mode}. */
  static URI stats(ServerUnderTest server, Mode mode) {
    return root(server, mode).resolve("stats");
  }

  /**
   * Checks that each application's filter runs in its own mode, and stops the server if not: a
   * {@code respool.mode} system property would override them all.
   *
   * @return {@code server}
   */
  static ServerUnderTest requireModes(ServerUnderTest server) throws Exception {
    try {
      for (Mode mode : Mode.values()) {
        assertThat(StatsClient.read(stats(server, mode)).mode())
            .as("mode of the filter at /%s", mode.id())
            .isEqualTo(mode.id());
      }
    } catch (Exception | AssertionError e) {
      server.stopAfter(e);
      throw e;
    }
    return server;
  }
}
