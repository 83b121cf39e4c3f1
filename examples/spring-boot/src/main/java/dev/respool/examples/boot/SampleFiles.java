package dev.respool.examples.boot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files the application serves when {@code example.files-dir} is not set: a few sizes from
 * empty to larger than the pool's arrays, with the same pseudo-random bytes on every start, so
 * that a digest noted once stays valid.
 */
final class SampleFiles {

  /**
   * One sample file.
   *
   * @param name its name
   * @param size its size in bytes
   * @param seed the seed of its bytes
   */
  record Sample(String name, long size, long seed) {}

  /** The files generated, smallest first. */
  static final List<Sample> SAMPLES = List.of(
      new Sample("empty.bin", 0, 1),
      new Sample("small.bin", 1024, 2),
      new Sample("medium.bin", 1024 * 1024, 3),
      new Sample("large.bin", 64L * 1024 * 1024, 4));

  private static final Logger log = LoggerFactory.getLogger(SampleFiles.class);

  private static final int CHUNK = 64 * 1024;

  private SampleFiles() {}

  /**
   * Writes the samples into a new temporary directory, noting each one's digest in {@code
   * digests} as it is written, so that no request has to read a sample twice.
   *
   * @return a store that deletes the samples and the directory when it closes
   */
  static FileStore create(FileDigests digests) throws IOException {
    Path dir = Files.createTempDirectory("respool-example-");
    List<Path> written = new ArrayList<>();
    try {
      for (Sample sample : SAMPLES) {
        Path file = dir.resolve(sample.name());
        written.add(file);
        byte[] sha256 = write(file, sample);
        digests.remember(file.toRealPath(), sample.size(), Files.getLastModifiedTime(file), sha256);
      }
      FileStore store = FileStore.generated(dir, written);
      log.info(
          "Serving sample files from {}, deleted at shutdown; set {} to serve another directory",
          store.root(),
          FileStore.PROPERTY);
      return store;
    } catch (IOException | RuntimeException e) {
      for (Path file : written) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(dir);
      throw e;
    }
  }

  /** Writes the bytes of {@code sample} into a new file and returns their SHA-256 digest. */
  private static byte[] write(Path file, Sample sample) throws IOException {
    SplittableRandom random = new SplittableRandom(sample.seed());
    MessageDigest sha256 = FileDigests.newSha256();
    byte[] chunk = new byte[CHUNK];
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
      for (long left = sample.size(); left > 0; ) {
        int n = (int) Math.min(chunk.length, left);
        random.nextBytes(chunk);
        out.write(chunk, 0, n);
        sha256.update(chunk, 0, n);
        left -= n;
      }
    }
    return sha256.digest();
  }
}
