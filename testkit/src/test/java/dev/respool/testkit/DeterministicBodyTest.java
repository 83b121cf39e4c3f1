package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeterministicBodyTest {

  private static final long[] SEEDS = {0, 1, 7, -1, 42, Long.MIN_VALUE, Long.MAX_VALUE, 0x5EEDL};
  private static final int[] LENGTHS = {0, 1, 7, 8, 9, 15, 16, 17, 1000, 32 * 1024 + 3, 200_003};

  static Stream<Arguments> seedsAndLengths() {
    return Arrays.stream(SEEDS)
        .boxed()
        .flatMap(seed -> Arrays.stream(LENGTHS).mapToObj(length -> Arguments.of(seed, length)));
  }

  /** The generator as its javadoc states it, one byte at a time, with nothing clever. */
  static byte[] reference(long seed, int length) {
    byte[] bytes = new byte[length];
    long state = seed;
    for (int i = 0; i < length; i += 8) {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      z ^= z >>> 31;
      for (int k = 0; k < 8 && i + k < length; k++) {
        bytes[i + k] = (byte) (z >>> (8 * k));
      }
    }
    return bytes;
  }

  @Test
  void referenceMatchesPublishedSplitMix64OutputsForSeedZero() {
    byte[] bytes = reference(0, 24);

    // The first three outputs of SplitMix64 from state 0, as published with the algorithm.
    assertThat(littleEndianLong(bytes, 0)).isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(littleEndianLong(bytes, 8)).isEqualTo(0x6E789E6AA1B965F4L);
    assertThat(littleEndianLong(bytes, 16)).isEqualTo(0x06C45D188009454FL);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void referenceMatchesTheJdkSplittableRandom(long seed) {
    SplittableRandom jdk = new SplittableRandom(seed);
    byte[] bytes = reference(seed, 80);

    for (int offset = 0; offset < bytes.length; offset += 8) {
      assertThat(littleEndianLong(bytes, offset)).isEqualTo(jdk.nextLong());
    }
  }

  static long[] seeds() {
    return SEEDS;
  }

  @ParameterizedTest(name = "seed {0}, {1} bytes")
  @MethodSource("seedsAndLengths")
  void bulkReadsGiveTheReferenceBytes(long seed, int length) throws IOException {
    byte[] read = new DeterministicBody(length, seed).readAllBytes();

    assertThat(read).isEqualTo(reference(seed, length));
  }

  @ParameterizedTest(name = "seed {0}, {1} bytes")
  @MethodSource("seedsAndLengths")
  void readsOfOddSizesAtOddOffsetsGiveTheReferenceBytes(long seed, int length) {
    DeterministicBody body = new DeterministicBody(length, seed);
    Random sizes = new Random(seed ^ length);
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] target = new byte[64];

    // Each read lands at a random offset of the target, with a random length up to its end.
    for (int reads = 0; reads < length + 1; reads++) {
      int offset = sizes.nextInt(target.length);
      int size = 1 + sizes.nextInt(target.length - offset);
      int n = body.read(target, offset, size);
      if (n < 0) {
        break;
      }
      assertThat(n).isBetween(1, size);
      received.write(target, offset, n);
    }

    assertThat(received.toByteArray()).isEqualTo(reference(seed, length));
    assertThat(body.read(target, 0, 1)).isEqualTo(-1);
  }

  @ParameterizedTest(name = "seed {0}, {1} bytes")
  @MethodSource("seedsAndLengths")
  void singleByteReadsGiveTheReferenceBytes(long seed, int length) {
    DeterministicBody body = new DeterministicBody(length, seed);
    byte[] read = new byte[length];

    for (int i = 0; i < length; i++) {
      int b = body.read();
      assertThat(b).isBetween(0, 255);
      read[i] = (byte) b;
    }

    assertThat(read).isEqualTo(reference(seed, length));
    assertThat(body.read()).isEqualTo(-1);
  }

  @ParameterizedTest(name = "seed {0}, {1} bytes")
  @MethodSource("seedsAndLengths")
  void skippingLandsOnTheSameBytesAsReading(long seed, int length) throws IOException {
    byte[] expected = reference(seed, length);
    Random steps = new Random(seed + length);

    for (int attempt = 0; attempt < 20; attempt++) {
      DeterministicBody body = new DeterministicBody(length, seed);
      long wanted = steps.nextInt(length + 3);
      long skipped = body.skip(wanted);

      assertThat(skipped).isEqualTo(Math.min(wanted, length));
      assertThat(body.available()).isEqualTo(length - (int) skipped);
      assertThat(body.readAllBytes())
          .isEqualTo(Arrays.copyOfRange(expected, (int) skipped, length));
    }
  }

  @Test
  void resetReturnsToTheMarkedPosition() throws IOException {
    DeterministicBody body = new DeterministicBody(100, 3);
    body.skip(13);
    body.mark(0);
    byte[] first = body.readNBytes(50);

    body.reset();

    assertThat(body.readNBytes(50)).isEqualTo(first);
    assertThat(first).isEqualTo(Arrays.copyOfRange(reference(3, 100), 13, 63));
  }

  @Test
  void aBodyLargerThanAnArrayReportsItsRemainingLengthAndReadsItsTail() throws IOException {
    long length = (3L << 30) + 5;
    DeterministicBody body = new DeterministicBody(length, 9);

    assertThat(body.available()).isEqualTo(Integer.MAX_VALUE);
    assertThat(body.skip(length - 13)).isEqualTo(length - 13);
    assertThat(body.available()).isEqualTo(13);

    byte[] tail = body.readAllBytes();
    assertThat(tail).hasSize(13);
    for (int i = 0; i < tail.length; i++) {
      long position = length - 13 + i;
      long block = DeterministicBody.mix(9 + ((position >>> 3) + 1) * 0x9E3779B97F4A7C15L);
      assertThat(tail[i]).isEqualTo((byte) (block >>> (8 * (position & 7))));
    }
  }

  @Test
  void zeroLengthReadsReturnZeroAndNegativeLengthsAreRejected() {
    DeterministicBody body = new DeterministicBody(10, 1);

    assertThat(body.read(new byte[4], 2, 0)).isZero();
    assertThat(body.skip(-5)).isZero();
    assertThatThrownBy(() -> body.read(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new DeterministicBody(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @ParameterizedTest(name = "seed {0}, {1} bytes")
  @MethodSource("seedsAndLengths")
  void sha256EqualsTheDigestOfTheBytes(long seed, int length) throws Exception {
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(reference(seed, length));

    assertThat(DeterministicBody.sha256(length, seed)).isEqualTo(expected);
  }

  private static long littleEndianLong(byte[] bytes, int offset) {
    long value = 0;
    for (int k = 7; k >= 0; k--) {
      value = (value << 8) | (bytes[offset + k] & 0xFF);
    }
    return value;
  }
}
