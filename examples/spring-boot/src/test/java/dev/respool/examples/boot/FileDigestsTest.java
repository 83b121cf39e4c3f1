package dev.respool.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {

  /** SHA-256 of "abc", from FIPS 180-2. */
  private static final String ABC = "sha-256=:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=:";

  @TempDir
  Path dir;

  @Test
  void digestIsComputedOnceForEachSizeAndModificationTime() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "abc");
    FileTime time = Files.getLastModifiedTime(file);
    FileDigests digests = new FileDigests();

    assertThat(digests.reprDigest(file, 3, time)).isEqualTo(ABC);

    // Same size and time: the digest kept is the answer, even though the bytes changed.
    Files.writeString(file, "xyz");
    Files.setLastModifiedTime(file, time);
    assertThat(digests.reprDigest(file, 3, time)).isEqualTo(ABC);

    // A new modification time: hashed again.
    FileTime later = FileTime.fromMillis(time.toMillis() + 1000);
    Files.setLastModifiedTime(file, later);
    assertThat(digests.reprDigest(file, 3, later)).isNotEqualTo(ABC);
  }

  @Test
  void rememberedDigestIsUsedWithoutReadingTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "not abc");
    FileTime time = Files.getLastModifiedTime(file);
    FileDigests digests = new FileDigests();
    byte[] abc = java.util.Base64.getDecoder().decode(ABC.substring(9, ABC.length() - 1));

    digests.remember(file, 7, time, abc);

    assertThat(digests.reprDigest(file, 7, time)).isEqualTo(ABC);
  }
}
