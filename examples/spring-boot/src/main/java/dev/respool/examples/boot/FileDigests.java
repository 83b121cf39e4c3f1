package dev.respool.examples.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code Repr-Digest} header values (RFC 9530, SHA-256) of the files served, one per file.
 *
 * <p>The header goes out before the body, so the digest must be known before the first byte is
 * sent; hashing a large file on every request would read it twice. Each file is hashed once, and
 * hashed again only when its size or modification time changes. Requests for a file that is being
 * hashed wait for that one computation. Thread-safe.
 */
final class FileDigests {

  /** The header name. */
  static final String HEADER = "Repr-Digest";

  private static final int CHUNK = 64 * 1024;

  private record Version(long size, FileTime lastModified) {}

  private record Entry(Version version, CompletableFuture<String> value) {}

  /** By real path. A file that changed gets a new entry in place of the old one. */
  private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();

  /**
   * The header value for the file at {@code path}, as it is at {@code size} and {@code
   * lastModified}.
   *
   * @throws IOException if the file cannot be read
   */
  String reprDigest(Path path, long size, FileTime lastModified) throws IOException {
    Version version = new Version(size, lastModified);
    Entry mine = new Entry(version, new CompletableFuture<>());
    Entry entry = entries.compute(
        path, (key, old) -> old != null && old.version.equals(version) ? old : mine);
    if (entry == mine) {
      // Outside compute(), which would block every other file hashed in the same bin.
      try {
        mine.value.complete(format(sha256(path)));
      } catch (IOException | RuntimeException e) {
        entries.remove(path, mine);
        mine.value.completeExceptionally(e);
      }
    }
    try {
      return entry.value.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  /** Records the digest of a file whose bytes were hashed as they were written. */
  void remember(Path path, long size, FileTime lastModified, byte[] sha256) {
    Version version = new Version(size, lastModified);
    entries.put(path, new Entry(version, CompletableFuture.completedFuture(format(sha256))));
  }

  /** {@code sha-256=:BASE64:}, the form RFC 9530 gives the header. */
  static String format(byte[] sha256) {
    return "sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":";
  }

  /** A new SHA-256 digest. */
  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(Path path) throws IOException {
    MessageDigest digest = newSha256();
    byte[] chunk = new byte[CHUNK];
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        digest.update(chunk, 0, n);
      }
    }
    return digest.digest();
  }
}
