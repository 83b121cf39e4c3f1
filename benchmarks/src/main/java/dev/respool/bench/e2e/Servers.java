package dev.respool.bench.e2e;

import dev.respool.RespoolStats;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The servers of one run of the harness, one per container and variant, all in this JVM; each is
 * checked over HTTP/1.1 and HTTP/2 with every body before it takes any load.
 */
final class Servers implements AutoCloseable {

  private final Map<Container, Map<Variant, HarnessServer>> servers =
      new EnumMap<>(Container.class);

  private Servers() {}

  /**
   * Starts a server for every container and variant of {@code options}, and checks that each
   * serves every body whole.
   *
   * @param bodies the bodies by size
   * @throws IllegalStateException if a server does not start or sends a wrong body; the servers
   *     started so far are stopped then
   */
  static Servers start(Options options, Map<Integer, byte[]> bodies)
      throws IOException, InterruptedException {
    Map<String, byte[]> byPath = new LinkedHashMap<>();
    bodies.forEach((size, body) -> byPath.put("/" + size, body));
    HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Servers started = new Servers();
    try {
      for (Container container : options.containers()) {
        for (Variant variant : options.variants()) {
          HarnessServer server = HarnessServer.start(container, variant, byPath);
          started
              .servers
              .computeIfAbsent(container, c -> new EnumMap<>(Variant.class))
              .put(variant, server);
          for (Map.Entry<Integer, byte[]> body : bodies.entrySet()) {
            server.verify(client, body.getKey(), body.getValue());
          }
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      started.closeAfter(e);
      throw e;
    }
    return started;
  }

  /** The server that {@code cell} loads. */
  HarnessServer get(Cell cell) {
    return servers.get(cell.container()).get(cell.variant());
  }

  /** How many servers run. */
  int count() {
    return servers.values().stream().mapToInt(Map::size).sum();
  }

  /** The filters' counters now, by container and variant; the variant without one is left out. */
  Map<Container, Map<Variant, RespoolStats>> respoolStats() {
    Map<Container, Map<Variant, RespoolStats>> stats = new EnumMap<>(Container.class);
    servers.forEach((container, byVariant) -> byVariant.forEach((variant, server) -> {
      RespoolStats snapshot = server.respoolStats();
      if (snapshot != null) {
        stats.computeIfAbsent(container, c -> new EnumMap<>(Variant.class)).put(variant, snapshot);
      }
    }));
    return stats;
  }

  /** Each container's version and connector settings, by container id; its variants share them. */
  Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    servers.forEach((container, byVariant) -> byVariant.values().stream()
        .findFirst()
        .ifPresent(server -> settings.put(container.id(), server.settings())));
    return settings;
  }

  private void closeAfter(Exception failure) {
    try {
      close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Stops every server, also when one of them fails to stop.
   *
   * @throws IllegalStateException the first failure, with the others suppressed in it
   */
  @Override
  public void close() {
    RuntimeException failure = null;
    for (Map<Variant, HarnessServer> byVariant : servers.values()) {
      for (HarnessServer server : byVariant.values()) {
        try {
          server.close();
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    servers.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
