package dev.respool.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {

  /** What Spring Boot reports as an invalid property, naming it, its value and the reason. */
  private static final Class<?> INVALID_PROPERTY = org.springframework.boot.context.properties
      .source.InvalidConfigurationPropertyValueException.class;

  @TempDir
  Path parent;

  @Test
  void missingDirectoryIsRefusedNamingThePropertyAndThePath() {
    Path missing = parent.resolve("missing");

    assertThatThrownBy(() -> FileStore.configured(missing.toString()))
        .isInstanceOf(INVALID_PROPERTY)
        .hasMessageContaining("example.files-dir")
        .hasMessageContaining(missing + " does not exist");
  }

  @Test
  void fileInPlaceOfTheDirectoryIsRefused() throws Exception {
    Path file = Files.writeString(parent.resolve("file"), "x");

    assertThatThrownBy(() -> FileStore.configured(file.toString()))
        .isInstanceOf(INVALID_PROPERTY)
        .hasMessageContaining("example.files-dir")
        .hasMessageContaining(file + " is not a directory");
  }

  @Test
  void opensAFileInsideAndRefusesLinksThatLeadOut() throws Exception {
    Path served = TestFiles.create(parent);
    FileStore store = FileStore.configured(served.toString());

    try (FileStore.Opened alias = store.open("alias.bin")) {
      assertThat(alias.path()).isEqualTo(served.toRealPath().resolve("small.bin"));
      assertThat(alias.size()).isEqualTo(1024);
    }
    assertThatThrownBy(() -> store.open("escape.bin"))
        .isInstanceOf(MissingFileException.class)
        .hasMessage("no file named 'escape.bin'");
    assertThatThrownBy(() -> store.open("subdir")).isInstanceOf(MissingFileException.class);
    assertThat(new String(Files.readAllBytes(parent.resolve("secret.txt")), StandardCharsets.UTF_8))
        .isEqualTo(TestFiles.SECRET);
  }
}
