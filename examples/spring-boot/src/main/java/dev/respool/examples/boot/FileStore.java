package dev.respool.examples.boot;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory whose regular files the application serves, and the checks that keep every
 * request inside it: a name must be {@linkplain FileName plain}, and the real path it resolves
 * to, after symbolic links, must still lie inside the directory's real path.
 */
final class FileStore implements AutoCloseable {

  /** The property that names the directory. */
  static final String PROPERTY = "example.files-dir";

  private static final Logger log = LoggerFactory.getLogger(FileStore.class);

  /** The real path of the directory: no symbolic links, so a prefix check is meaningful. */
  private final Path root;

  /** The files this store generated and deletes on close, with the directory; empty otherwise. */
  private final List<Path> owned;

  /** A regular file in the directory, as listed by {@code GET /files}. */
  record Entry(String name, long size) {}

  /**
   * An open file, ready to be copied into a response.
   *
   * @param path its real path
   * @param in its content, to be closed by whoever copies it
   * @param size its size when it was opened
   * @param lastModified its modification time when it was opened
   */
  record Opened(Path path, InputStream in, long size, FileTime lastModified) implements Closeable {

    /** Closes the file, for when it is not copied after all. */
    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private FileStore(Path root, List<Path> owned) {
    this.root = root;
    this.owned = List.copyOf(owned);
  }

  /**
   * Serves the directory named by {@value #PROPERTY}.
   *
   * @param value the property's value
   * @throws RuntimeException if it names no readable directory: Boot's {@code
   *     InvalidConfigurationPropertyValueException}, reported as a failed start that names the
   *     property and the path
   */
  static FileStore configured(String value) {
    Path dir;
    try {
      dir = Path.of(value).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw invalid(value, "it is not a valid path: " + e.getReason());
    }
    if (!Files.exists(dir)) {
      throw invalid(value, "the directory " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw invalid(value, dir + " is not a directory");
    }
    try {
      return new FileStore(dir.toRealPath(), List.of());
    } catch (IOException e) {
      throw invalid(value, "the directory " + dir + " cannot be read: " + e);
    }
  }

  /** Serves {@code dir}, a directory this application made, and deletes {@code files} on close. */
  static FileStore generated(Path dir, List<Path> files) throws IOException {
    return new FileStore(dir.toRealPath(), files);
  }

  /** The real path of the directory served. */
  Path root() {
    return root;
  }

  /**
   * The regular files a client may ask for, by name: those with a plain name whose real path
   * lies inside the directory.
   */
  List<Entry> list() throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (!FileName.isPlain(name)) {
          continue;
        }
        try {
          Path real = inside(child.toRealPath());
          if (real != null) {
            entries.add(new Entry(name, Files.size(real)));
          }
        } catch (NoSuchFileException deletedMeanwhile) {
          // Gone between the directory read and the check: not part of the listing.
        }
      }
    }
    entries.sort(Comparator.comparing(Entry::name));
    return entries;
  }

  /**
   * Opens the file a client asked for.
   *
   * @param name the name from the request
   * @throws BadFileNameException if the name is not a plain file name
   * @throws MissingFileException if no regular file of that name lies inside the directory
   * @throws IOException if the file exists but cannot be read
   */
  Opened open(String name) throws IOException {
    FileName.check(name);
    Path real;
    try {
      real = inside(root.resolve(name).toRealPath());
    } catch (NoSuchFileException e) {
      throw new MissingFileException(name);
    }
    if (real == null) {
      throw new MissingFileException(name);
    }
    // The real path has no links left; refusing one now catches a file swapped for a link since.
    InputStream in;
    try {
      in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      throw new MissingFileException(name);
    }
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return new Opened(real, in, attributes.size(), attributes.lastModifiedTime());
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** {@code real} if it is a regular file inside the directory, else null. */
  private Path inside(Path real) {
    if (!real.startsWith(root) || real.equals(root)) {
      return null;
    }
    return Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) ? real : null;
  }

  /** Deletes the files this store generated, and their directory. */
  @Override
  public void close() {
    if (owned.isEmpty()) {
      return;
    }
    for (Path file : owned) {
      deleteQuietly(file);
    }
    deleteQuietly(root);
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (DirectoryNotEmptyException e) {
      log.warn("Left {} in place: it holds files the application did not create", path);
    } catch (IOException e) {
      log.warn("Could not delete {}: {}", path, e.toString());
    }
  }

  /** Boot reports this exception as a failed start naming the property, the value and why. */
  private static RuntimeException invalid(String value, String reason) {
    // Named in full here because its import would be the one line wider than 100 columns.
    return new org.springframework.boot.context.properties.source
        .InvalidConfigurationPropertyValueException(PROPERTY, value, reason);
  }
}
