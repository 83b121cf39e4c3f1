package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.RespoolStats;
import org.junit.jupiter.api.Test;

class StatsServletTest {

  @Test
  void writesEveryCounterUnderItsRecordName() {
    RespoolStats stats = new RespoolStats("detect", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    assertThat(StatsServlet.toJson(stats))
        .isEqualTo("{\"mode\":\"detect\",\"leasesOut\":1,\"acquires\":2,\"hits\":3,\"misses\":4,"
            + "\"returned\":5,\"dropped\":6,\"abandoned\":7,\"pooledBytes\":8,"
            + "\"maxPooledBytes\":9,\"defensiveCopies\":10,\"detections\":11,\"leaks\":12}");
  }

  @Test
  void escapesAModeThatIsNotAPlainWord() {
    RespoolStats stats = new RespoolStats("a\"b\\c\n", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    assertThat(StatsServlet.toJson(stats)).startsWith("{\"mode\":\"a\\\"b\\\\c\\u000a\",");
  }
}
