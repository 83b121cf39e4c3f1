package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorruptionCounterTest {

  private static byte[] body(int length, long seed) throws Exception {
    return new DeterministicBody(length, seed).readAllBytes();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096, 100_000})
  void anExactBodyInAnyChunkingCountsNothing(int chunk) throws Exception {
    byte[] bytes = body(100_000, 3);
    CorruptionCounter counter = new CorruptionCounter(bytes.length, 3);

    for (int i = 0; i < bytes.length; i += chunk) {
      counter.update(bytes, i, Math.min(chunk, bytes.length - i));
    }

    assertThat(counter.exact()).isTrue();
    assertThat(counter.corrupted()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096, 100_000})
  void changedBytesAreCountedWithTheFirstOffset(int chunk) throws Exception {
    byte[] bytes = body(100_000, 3);
    bytes[500]++;
    bytes[70_000]++;
    bytes[70_001]++;
    CorruptionCounter counter = new CorruptionCounter(bytes.length, 3);

    for (int i = 0; i < bytes.length; i += chunk) {
      counter.update(bytes, i, Math.min(chunk, bytes.length - i));
    }

    assertThat(counter.corrupted()).isEqualTo(3);
    assertThat(counter.firstCorrupted()).isEqualTo(500);
    assertThat(counter.exact()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void anotherSeedOrExtraBytesAreCorrupt(long seed) throws Exception {
    byte[] bytes = body(1000, seed);
    CorruptionCounter counter = new CorruptionCounter(999, 4);

    counter.update(bytes, 0, bytes.length);

    assertThat(counter.corrupted()).isGreaterThanOrEqualTo(1);
    assertThat(counter.received()).isEqualTo(1000);
  }
}
