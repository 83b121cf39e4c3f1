package dev.respool.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The value of {@code --war}, checked before Jetty sees it: Jetty logs a bad WAR with a stack trace
 * and then serves 404 or 503 for everything, which tells a user less than one line naming the path.
 *
 * <p>A WAR is a zip archive with entries under {@code WEB-INF/}, or a directory holding {@code
 * WEB-INF}, the same layout unpacked. Without {@code WEB-INF} there is no {@code web.xml}, class or
 * library that could register the filter, so such a path is refused too.
 */
final class WarPath {

  private static final String WEB_INF = "WEB-INF";

  private WarPath() {}

  /**
   * The path {@code value} names, once it is known to be a readable WAR.
   *
   * @throws IllegalArgumentException with a one-line message naming {@code --war} and the path
   */
  static Path check(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(
          "--war needs a path, for example --war " + Options.EXAMPLE_WAR);
    }
    Path war;
    try {
      war = Path.of(value);
    } catch (InvalidPathException e) {
      throw refused(value, "is not a valid path (" + e.getReason() + ")");
    }
    if (!Files.exists(war)) {
      throw refused(value, "does not exist");
    }
    if (!Files.isReadable(war)) {
      throw refused(value, "cannot be read");
    }
    if (Files.isDirectory(war)) {
      if (!Files.isDirectory(war.resolve(WEB_INF))) {
        throw refused(value, "is not a WAR: the directory has no " + WEB_INF);
      }
      return war;
    }
    checkArchive(value, war);
    return war;
  }

  private static void checkArchive(String value, Path war) {
    // Opening the archive reads only its central directory, not the entries themselves.
    try (ZipFile zip = new ZipFile(war.toFile())) {
      if (zip.stream().noneMatch(entry -> entry.getName().startsWith(WEB_INF + "/"))) {
        throw refused(value, "is not a WAR: the archive has no " + WEB_INF + "/");
      }
    } catch (ZipException e) {
      throw refused(value, "is not a WAR: not a zip archive");
    } catch (IOException e) {
      throw refused(value, "cannot be read (" + e.getMessage() + ")");
    }
  }

  private static IllegalArgumentException refused(String value, String reason) {
    return new IllegalArgumentException("--war '" + value + "' " + reason);
  }
}
