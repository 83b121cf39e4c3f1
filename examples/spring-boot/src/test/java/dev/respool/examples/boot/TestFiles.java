package dev.respool.examples.boot;

import dev.respool.testkit.DeterministicBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A directory for the application to serve, inside a parent that also holds a file the
 * application must never serve, and a link in the directory that points at it.
 */
final class TestFiles {

  /** The content of the file outside the directory served. */
  static final String SECRET = "not for clients: outside the directory served";

  /** The bodies served, by name, with their sizes. */
  static final List<String> NAMES = List.of("empty.bin", "small.bin", "several.bin");

  private TestFiles() {}

  /** The size of the file named {@code name}. */
  static long size(String name) {
    return switch (name) {
      case "empty.bin" -> 0;
      case "small.bin" -> 1024;
      // Several MiB, and not a whole number of the copy's 32 KiB chunks.
      case "several.bin" -> 5L * 1024 * 1024 + 7;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * Fills {@code parent} and returns the directory to serve, {@code parent/served}. Calling it
   * again returns the same directory unchanged.
   */
  static Path create(Path parent) throws IOException {
    Path served = parent.resolve("served");
    if (Files.isDirectory(served)) {
      return served;
    }
    Files.writeString(parent.resolve("secret.txt"), SECRET, StandardCharsets.UTF_8);
    Path dir = Files.createDirectory(parent.resolve("served.tmp"));
    long seed = 11;
    for (String name : NAMES) {
      try (InputStream in = new DeterministicBody(size(name), seed++);
          OutputStream out = Files.newOutputStream(dir.resolve(name))) {
        in.transferTo(out);
      }
    }
    Files.writeString(dir.resolve(".hidden"), "hidden");
    Files.createDirectory(dir.resolve("subdir"));
    Files.createSymbolicLink(dir.resolve("escape.bin"), Path.of("..", "secret.txt"));
    Files.createSymbolicLink(dir.resolve("alias.bin"), Path.of("small.bin"));
    // Complete before anyone sees it, so that a second caller never finds it half made.
    return Files.move(dir, served);
  }
}
