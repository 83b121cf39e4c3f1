package dev.respool.bench.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ArraySourceTest {

  @Test
  void transferToIsInheritedSoItReadsThroughReadLikeAnyCopy() throws Exception {
    assertThat(ArraySource.class.getSuperclass()).isEqualTo(InputStream.class);
    assertThat(Arrays.stream(ArraySource.class.getDeclaredMethods()).map(m -> m.getName()))
        .doesNotContain("transferTo", "readAllBytes", "readNBytes");
    assertThat(InputStream.class.isAssignableFrom(ByteArrayInputStream.class)).isTrue();
  }

  @Test
  void randomIsTheRandomBytesOfTheSeed() {
    byte[] expected = new byte[100];
    new Random(42).nextBytes(expected);

    assertThat(ArraySource.random(100, 42).bytes()).isEqualTo(expected);
    assertThat(ArraySource.random(100, 43).bytes()).isNotEqualTo(expected);
  }

  @Test
  void readsInPiecesAndEndsWithMinusOne() {
    ArraySource source = new ArraySource(new byte[] {1, 2, 3, 4, 5});
    byte[] into = new byte[8];

    assertThat(source.read(into, 1, 3)).isEqualTo(3);
    assertThat(source.available()).isEqualTo(2);
    assertThat(source.read(into, 4, 4)).isEqualTo(2);
    assertThat(source.read(into, 0, 8)).isEqualTo(-1);
    assertThat(source.read(into, 0, 0)).isZero();
    assertThat(source.read()).isEqualTo(-1);
    assertThat(into).containsExactly(0, 1, 2, 3, 4, 5, 0, 0);
  }

  @Test
  void rewindStartsOver() throws Exception {
    ArraySource source = ArraySource.random(10_000, 7);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();

    source.transferTo(first);
    source.rewind();
    source.transferTo(second);

    assertThat(first.toByteArray()).isEqualTo(source.bytes());
    assertThat(second.toByteArray()).isEqualTo(source.bytes());
  }

  @Test
  void singleBytesAreUnsigned() {
    ArraySource source = new ArraySource(new byte[] {(byte) 0xFF, 0});

    assertThat(source.read()).isEqualTo(255);
    assertThat(source.skip(5)).isEqualTo(1);
    assertThat(source.read()).isEqualTo(-1);
  }

  @Test
  void rejectsBadRanges() {
    ArraySource source = ArraySource.random(10, 1);

    assertThatThrownBy(() -> source.read(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> ArraySource.random(-1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
