package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReprDigestTest {

  /** SHA-256 of no bytes, a value anyone can check with {@code printf '' | sha256sum}. */
  private static final String EMPTY = "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:";

  private static final String SHA_512_OF_EMPTY =
      "sha-512=:z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwv"
          + "Y7kxvUdBeoGlODJ6+SfaPg==:";

  @Test
  void formatsTheDigestOfNoBytesAsRfc9530Shows() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[0]);

    assertThat(ReprDigest.format(digest)).isEqualTo(EMPTY);
  }

  @Test
  void parsingUndoesFormatting() {
    Random random = new Random(11);
    for (int i = 0; i < 50; i++) {
      byte[] digest = new byte[32];
      random.nextBytes(digest);

      assertThat(ReprDigest.parse(ReprDigest.format(digest))).isEqualTo(digest);
    }
  }

  @Test
  void parsingFindsSha256AmongOtherAlgorithms() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(new byte[0]);

    assertThat(ReprDigest.parse(SHA_512_OF_EMPTY + ", " + EMPTY)).isEqualTo(digest);
    assertThat(ReprDigest.parse(" " + EMPTY + "," + SHA_512_OF_EMPTY + " ")).isEqualTo(digest);
  }

  @Test
  void parsingAcceptsBase64WithoutPadding() {
    String unpadded = "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU:";

    assertThat(ReprDigest.parse(unpadded)).isEqualTo(ReprDigest.parse(EMPTY));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "   ",
        "sha-256",
        "sha-256=",
        "sha-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
        "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:;p=1",
        "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:x",
        "sha-256=:47DEQpj8HBSa+/TImW!5JCeuQeRkm5NMpJWZG3hSuFU=:",
        "sha-256=:47DEQpj8 HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
        "sha-256=:AAAA:",
        "sha-256=::",
        "SHA-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
        "=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
        "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:,",
        "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:, "
            + "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:",
        SHA_512_OF_EMPTY,
      })
  void parsingRejectsMalformedValues(String value) {
    assertThatThrownBy(() -> ReprDigest.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Repr-Digest");
  }

  @Test
  void parsingRejectsNull() {
    assertThatThrownBy(() -> ReprDigest.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formattingRejectsDigestsThatAreNotSha256Sized() {
    assertThatThrownBy(() -> ReprDigest.format(new byte[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20");
  }

  @Test
  void theDigestOfABodyIsTheDigestOfItsBytes() {
    byte[] bytes = DeterministicBodyTest.reference(7, 1000);

    String header = ReprDigest.forBody(1000, 7);

    assertThat(ReprDigest.parse(header)).isEqualTo(sha256(bytes));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
