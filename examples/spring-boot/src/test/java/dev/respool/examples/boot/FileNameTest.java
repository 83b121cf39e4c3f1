package dev.respool.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "small.bin", "a.b.c", "name with spaces", "é.txt", "a-b_c~1"})
  void plainNamesPass(String name) {
    assertThat(FileName.check(name)).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "a/b       | 'a/b' is not a plain file name: it contains a path separator",
        "a\\b      | 'a\\b' is not a plain file name: it contains a path separator",
        "..        | '..' is not a plain file name: it starts with a dot",
        ".hidden   | '.hidden' is not a plain file name: it starts with a dot",
        "a..b      | 'a..b' is not a plain file name: it contains '..'",
      })
  void otherNamesAreRefusedWithAMessageNamingThem(String name, String message) {
    assertThatThrownBy(() -> FileName.check(name))
        .isInstanceOf(BadFileNameException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "a\nb", "\u007f", "a\u0085"})
  void controlCharactersAreRefusedAndShownEscaped(String name) {
    assertThatThrownBy(() -> FileName.check(name))
        .isInstanceOf(BadFileNameException.class)
        .hasMessageContaining("control character")
        .hasMessageContaining("\\u00")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 256})
  void emptyAndOverlongNamesAreRefused(int length) {
    assertThatThrownBy(() -> FileName.check("x".repeat(length)))
        .isInstanceOf(BadFileNameException.class);
  }
}
