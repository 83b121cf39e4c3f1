package dev.respool.bench.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class TouchingSinkTest {

  /** The sum the sink should compute for one write, worked out independently. */
  private static long expectedSum(byte[] b, int off, int len) {
    ByteBuffer buffer = ByteBuffer.wrap(b, off, len).slice().order(ByteOrder.LITTLE_ENDIAN);
    long sum = 0;
    while (buffer.remaining() >= Long.BYTES) {
      sum += buffer.getLong();
    }
    while (buffer.hasRemaining()) {
      sum += buffer.get();
    }
    return sum;
  }

  @Test
  void sumsEveryByteOfAWrite() {
    byte[] bytes = new byte[100];
    new Random(1).nextBytes(bytes);

    for (int off = 0; off < 9; off++) {
      for (int len = 0; len <= 80; len++) {
        TouchingSink sink = new TouchingSink();
        sink.write(bytes, off, len);

        assertThat(sink.touched())
            .as("off %d len %d", off, len)
            .isEqualTo(expectedSum(bytes, off, len));
        assertThat(sink.count()).isEqualTo(len);
      }
    }
  }

  @Test
  void aChangeInAnyWrittenByteChangesTheSum() {
    byte[] bytes = new byte[37];
    new Random(2).nextBytes(bytes);
    TouchingSink sink = new TouchingSink();
    sink.write(bytes, 3, 30);
    long original = sink.touched();

    for (int i = 3; i < 33; i++) {
      bytes[i]++;
      sink.reset();
      sink.write(bytes, 3, 30);
      bytes[i]--;

      assertThat(sink.touched()).as("byte %d", i).isNotEqualTo(original);
    }
  }

  @Test
  void aRecordingSinkKeepsTheCrcOfEverythingWritten() {
    byte[] bytes = new byte[5000];
    new Random(3).nextBytes(bytes);
    CRC32 expected = new CRC32();
    expected.update(bytes);
    TouchingSink sink = TouchingSink.recording();

    sink.write(bytes, 0, 1);
    sink.write(bytes[1]);
    sink.write(bytes, 2, 4000);
    sink.write(bytes, 4002, 998);

    assertThat(sink.crc()).isEqualTo(expected.getValue());
    assertThat(sink.count()).isEqualTo(5000);
    sink.reset();
    assertThat(sink.crc()).isEqualTo(new CRC32().getValue());
    assertThat(sink.count()).isZero();
    assertThat(sink.touched()).isZero();
  }

  @Test
  void aPlainSinkHasNoCrc() {
    assertThatThrownBy(() -> new TouchingSink().crc()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsBadRanges() {
    assertThatThrownBy(() -> new TouchingSink().write(new byte[4], 3, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
