package dev.respool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2loadTest {

  @Test
  void readsRateAndRequestsOfASmallBody() {
    ToolResult result = H2load.parse(Fixtures.text("h2load-1k.txt"), new long[] {1_000, 2_000});

    assertThat(result.requestsPerSecond()).isEqualTo(12727.00);
    assertThat(result.requests()).isEqualTo(25454);
    assertThat(result.errors()).isZero();
    assertThat(result.p99Millis()).isEqualTo(2.0);
  }

  @Test
  void countsDoneRequestsNotTheStatusCodesOfThoseStillInFlight() {
    // h2load counts a status when the headers arrive, so requests cut off at the end of the
    // duration show up in "status codes" (2151) but not in "done" (2124).
    ToolResult result = H2load.parse(Fixtures.text("h2load-1m.txt"), new long[0]);

    assertThat(result.requestsPerSecond()).isEqualTo(1062.00);
    assertThat(result.requests()).isEqualTo(2124);
    assertThat(result.errors()).isZero();
    assertThat(result.p99Millis()).isNaN();
    assertThat(result.errorDetail()).contains("2151 2xx");
  }

  @Test
  void countsResponsesThatAreNotSuccessfulAsErrors() {
    ToolResult result = H2load.parse(Fixtures.text("h2load-404.txt"), new long[] {1});

    assertThat(result.requests()).isEqualTo(17137);
    assertThat(result.errors()).isEqualTo(17137);
    assertThat(result.errorDetail()).contains("17137 4xx");
  }

  @Test
  void aServerThatClosesEveryConnectionShowsAsNoRequestsDoneAndNoErrors() {
    // In duration mode h2load reports connections that fail before a response in no counter:
    // only the missing "done" requests tell.
    ToolResult result = H2load.parse(Fixtures.text("h2load-closed.txt"), new long[0]);

    assertThat(result.requests()).isZero();
    assertThat(result.requestsPerSecond()).isZero();
    assertThat(result.errors()).isZero();
    assertThat(result.errorDetail()).contains("started 8, done 0");
  }

  @Test
  void readsTheDurationsOfItsRequestLog() throws IOException {
    long[] latencies = H2load.readLog(Fixtures.path("h2load-requests.tsv"));

    assertThat(latencies).hasSize(150);
    assertThat(latencies[0]).isEqualTo(267866);
    // The 149th of the 150 sorted durations.
    assertThat(H2load.percentile(latencies, 0.99)).isEqualTo(269622);
  }

  @Test
  void aLogLineWithoutThreeFieldsIsRejected(@TempDir Path directory) throws IOException {
    Path log = Files.writeString(directory.resolve("log"), "1796410989896743\t200\t165191\n12\n");

    assertThatThrownBy(() -> H2load.readLog(log))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unexpected line in the h2load log")
        .hasMessageContaining("'12'");
  }

  @Test
  void percentileIsTheNearestRank() {
    long[] hundred = new long[100];
    for (int i = 0; i < hundred.length; i++) {
      hundred[i] = 100 - i;
    }
    assertThat(H2load.percentile(hundred, 0.99)).isEqualTo(99);
    assertThat(H2load.percentile(hundred, 0.5)).isEqualTo(50);
    assertThat(H2load.percentile(new long[] {7}, 0.99)).isEqualTo(7);
    assertThat(H2load.percentile(new long[0], 0.99)).isNaN();
  }

  @Test
  void anOutputWithoutTheSummaryIsRejected() {
    assertThatThrownBy(() -> H2load.parse("starting benchmark...\n", new long[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("h2load printed no 'finished in' line");
  }

  @Test
  void runsOneThreadWithPriorKnowledgeAndLogsOnlyWhenAsked() {
    URI url = URI.create("http://127.0.0.1:8080/body/1024");

    assertThat(H2load.command("h2load", url, 16, 8, 5, Path.of("/tmp/log")))
        .containsExactly(
            "h2load",
            "-c",
            "16",
            "-m",
            "8",
            "-t",
            "1",
            "-D",
            "5",
            "--log-file=/tmp/log",
            url.toString());
    assertThat(H2load.command("h2load", url, 4, 1, 2, null)).doesNotContain("--log-file=null");
  }
}
