package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BytesRequestTest {

  @Test
  void seedDefaultsToZeroAndIoToBlocking() {
    assertThat(BytesRequest.parse("/1000", null, null))
        .isEqualTo(new BytesRequest(1000, 0, Io.BLOCKING));
  }

  @ParameterizedTest(name = "{0} seed={1} io={2}")
  @CsvSource({
    "/0, 7, async, 0, 7, ASYNC",
    "/4294967296, -9223372036854775808, naive, 4294967296, -9223372036854775808, NAIVE",
    "/007, 9223372036854775807, blocking, 7, 9223372036854775807, BLOCKING",
  })
  void acceptsTheFullRangeOfEachParameter(
      String path, String seed, String io, long length, long expectedSeed, Io expectedIo) {
    assertThat(BytesRequest.parse(path, seed, io))
        .isEqualTo(new BytesRequest(length, expectedSeed, expectedIo));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {"/abc", "/", "/-1", "/+5", "/1.5", "/4294967297", "/99999999999999999999", "/5/6"})
  void rejectsALengthThatIsNotAWholeNumberUpTo4GiB(String path) {
    assertThatThrownBy(() -> BytesRequest.parse(path, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad n ")
        .hasMessageContaining("0 to 4294967296");
  }

  @Test
  void rejectsAMissingLength() {
    assertThatThrownBy(() -> BytesRequest.parse(null, null, null))
        .hasMessageStartingWith("bad n ''");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"x", "", "1e3", "9223372036854775808", "0x10", "\u0663", "+5", "-"})
  void rejectsASeedThatIsNotALong(String seed) {
    assertThatThrownBy(() -> BytesRequest.parse("/5", seed, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("bad seed '" + seed + "'")
        .hasMessageContaining(String.valueOf(Long.MIN_VALUE));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"nope", "", "BLOCKING", "async "})
  void rejectsAnUnknownIoNamingTheValidOnes(String io) {
    assertThatThrownBy(() -> BytesRequest.parse("/5", null, io))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad io '" + io + "': valid values are blocking, async, naive");
  }

  @Test
  void quotingKeepsAMessageOnOneShortLine() {
    String quoted = BytesRequest.quote("a\r\nb" + "c".repeat(100));

    assertThat(quoted).doesNotContain("\r", "\n").hasSizeLessThan(50).startsWith("'a??b");
  }
}
