package dev.respool.bench.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkSizeBenchmarkTest {

  @ParameterizedTest
  @CsvSource({
    "4096, 32768",
    "65536, 32768",
    "4096, 1048576",
    "8192, 1048576",
    "16384, 1048576",
    "32768, 1048576",
    "65536, 1048576",
    "4096, 12345"
  })
  void theLoopCopiesEveryByte(int chunk, int size) throws Exception {
    ChunkSizeBenchmark benchmark = new ChunkSizeBenchmark();
    benchmark.chunk = chunk;
    benchmark.size = size;
    benchmark.setup();
    benchmark.sink = TouchingSink.recording();
    CRC32 expected = new CRC32();
    expected.update(benchmark.source.bytes());

    for (int round = 1; round <= 2; round++) {
      benchmark.sink.reset();

      long result = benchmark.loop();

      assertThat(benchmark.sink.count()).as("round %d", round).isEqualTo(size);
      assertThat(benchmark.sink.crc()).as("round %d", round).isEqualTo(expected.getValue());
      assertThat(result - benchmark.sink.touched()).as("round %d", round).isEqualTo(size);
    }
  }
}
