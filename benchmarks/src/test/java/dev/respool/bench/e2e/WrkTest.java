package dev.respool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import org.junit.jupiter.api.Test;

class WrkTest {

  @Test
  void readsRateRequestsAndTheP99OfASmallBody() {
    ToolResult result = Wrk.parse(Fixtures.text("wrk-1k.txt"));

    assertThat(result.requestsPerSecond()).isEqualTo(16328.35);
    assertThat(result.requests()).isEqualTo(32706);
    assertThat(result.p99Millis()).isEqualTo(39.23);
    assertThat(result.errors()).isZero();
  }

  @Test
  void readsALargeBody() {
    ToolResult result = Wrk.parse(Fixtures.text("wrk-1m.txt"));

    assertThat(result.requestsPerSecond()).isEqualTo(1482.12);
    assertThat(result.requests()).isEqualTo(3067);
    assertThat(result.p99Millis()).isEqualTo(27.33);
    assertThat(result.errors()).isZero();
  }

  @Test
  void aP99InMicrosecondsIsConverted() {
    assertThat(Wrk.parse(Fixtures.text("wrk-1k.txt").replace("39.23ms", "734.00us"))
            .p99Millis())
        .isCloseTo(0.734, within(1e-9));
  }

  @Test
  void countsResponsesThatAreNotSuccessfulAsErrors() {
    ToolResult result = Wrk.parse(Fixtures.text("wrk-404.txt"));

    assertThat(result.requests()).isEqualTo(17510);
    assertThat(result.errors()).isEqualTo(17510);
    assertThat(result.errorDetail()).contains("non-2xx/3xx 17510");
  }

  @Test
  void countsSocketErrors() {
    ToolResult result = Wrk.parse(Fixtures.text("wrk-closed.txt"));

    assertThat(result.requests()).isZero();
    assertThat(result.requestsPerSecond()).isZero();
    assertThat(result.p99Millis()).isNaN();
    assertThat(result.errors()).isEqualTo(20879);
    assertThat(result.errorDetail()).contains("read 20879");
  }

  @Test
  void convertsEveryTimeUnit() {
    assertThat(Wrk.millis("250.00", "us")).isEqualTo(0.25);
    assertThat(Wrk.millis("1.50", "ms")).isEqualTo(1.5);
    assertThat(Wrk.millis("2.00", "s")).isEqualTo(2000);
    assertThat(Wrk.millis("1.00", "m")).isEqualTo(60_000);
    assertThat(Wrk.millis("1.00", "h")).isEqualTo(3_600_000);
  }

  @Test
  void anOutputWithoutTheLatencyDistributionIsRejected() {
    String withoutLatency = Fixtures.text("wrk-1k.txt").replaceAll("(?m)^\\s+99%.*$", "");

    assertThatThrownBy(() -> Wrk.parse(withoutLatency))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'99%' line");
    assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wrk printed no 'N requests in T' line");
  }

  @Test
  void runsOneThreadForTheGivenSeconds() {
    assertThat(Wrk.command("wrk", URI.create("http://127.0.0.1:8080/body/1024"), 16, 5))
        .containsExactly(
            "wrk", "-t1", "-c16", "-d5s", "--latency", "http://127.0.0.1:8080/body/1024");
  }
}
