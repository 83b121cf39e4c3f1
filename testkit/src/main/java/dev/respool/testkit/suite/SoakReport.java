package dev.respool.testkit.suite;

import dev.respool.RespoolStats;
import dev.respool.testkit.suite.SoakTally.Outcome;
import dev.respool.testkit.suite.SoakTally.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.LogRecord;

/**
 * The figures of one soak, as printed at its end and written to {@value #FILE}.
 *
 * @param container the container's name
 * @param settings the settings of the run
 * @param planned the requests planned
 * @param tally what the clients saw
 * @param end the filter's counters once the last lease came back, or after the wait for it
 * @param samples the samples of the pool taken during the run
 * @param peakPooledBytes the largest {@code pooledBytes} sampled
 * @param peakLeasesOut the most leases out at once that a sample saw
 * @param overBound the first sample over the bound, or null
 * @param expectedLogs the expected log records by kind
 * @param logsOverLimit the expected kinds with more records than the requests may cause
 * @param unexpectedLogs the log records of no expected kind
 * @param duration from the first request to the last response
 */
record SoakReport(
    String container,
    SoakSettings settings,
    int planned,
    SoakTally tally,
    RespoolStats end,
    long samples,
    long peakPooledBytes,
    long peakLeasesOut,
    RespoolStats overBound,
    Map<String, Long> expectedLogs,
    List<String> logsOverLimit,
    List<LogRecord> unexpectedLogs,
    Duration duration) {

  /** Where the report goes, under the working directory of the test: its module. */
  static final String FILE = "target/soak-report.txt";

  /** The report, one figure a line. */
  String format() {
    StringBuilder text = new StringBuilder();
    line(text, "respool soak on %s, filter in mode %s", container, end.mode());
    line(text, "settings: %s", settings.asProperties());
    line(
        text,
        "  idle timeout %d ms, stalls %d ms, server send buffer %d B, pool bound %d B",
        SoakSettings.IDLE_TIMEOUT.toMillis(),
        SoakSettings.STALL.toMillis(),
        SoakSettings.SEND_BUFFER,
        SoakSettings.MAX_POOLED_BYTES);
    line(text, "requests: %d planned, %d run", planned, tally.requests());
    line(text, "completed: %d", tally.count(Result.COMPLETED));
    line(
        text,
        "aborted: %d (%d cancelled, %d closed)",
        tally.count(Result.ABORTED),
        tally.cancels(),
        tally.closes());
    line(
        text,
        "stalled: %d (%d cut off by the server, %d read to the end, %d left open by the server)",
        tally.count(Result.STALL_CUT)
            + tally.count(Result.STALL_COMPLETED)
            + tally.count(Result.STALL_LEFT_OPEN),
        tally.count(Result.STALL_CUT),
        tally.count(Result.STALL_COMPLETED),
        tally.count(Result.STALL_LEFT_OPEN));
    line(text, "failed: %d", tally.count(Result.FAILED));
    for (String kind : tally.breakdown()) {
      line(text, "  %s", kind);
    }
    line(text, "bytes requested: %d", tally.bytesRequested());
    line(text, "bytes received: %d", tally.bytesReceived());
    line(text, "corrupted bytes: %d", tally.corrupted());
    line(text, "leases out at the end: %d", end.leasesOut());
    line(
        text,
        "pool peak: %d B of a %d B bound (%d samples every %d ms%s)",
        peakPooledBytes,
        end.maxPooledBytes(),
        samples,
        PoolSampler.PERIOD_MILLIS,
        overBound == null ? "" : "; OVER THE BOUND: " + overBound);
    line(text, "peak leases out: %d", peakLeasesOut);
    line(
        text,
        "leases: %d acquired, %d returned, %d abandoned, %d dropped; %d hits, %d misses",
        end.acquires(),
        end.returned(),
        end.abandoned(),
        end.dropped(),
        end.hits(),
        end.misses());
    line(text, "abandoned leases: %d", end.abandoned());
    line(text, "defensive copies: %d, detections: %d", end.defensiveCopies(), end.detections());
    line(text, "log: expected %s; unexpected %d", expectedLogs, unexpectedLogs.size());
    for (String kind : logsOverLimit) {
      line(text, "  too many: %s", kind);
    }
    for (LogRecord record : unexpectedLogs.subList(0, Math.min(20, unexpectedLogs.size()))) {
      line(text, "  unexpected: %s", SoakLog.describe(record));
    }
    for (Outcome failure : tally.failures()) {
      line(text, "  failed: %s: %s %s", failure.request(), failure.result(), failure.problem());
    }
    line(text, "duration: %.1f s", duration.toMillis() / 1000.0);
    return text.toString();
  }

  /** Prints the report and writes it to {@link #FILE}. */
  void publish() throws IOException {
    String text = format();
    System.out.print(text);
    Path file = Path.of(FILE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static void line(StringBuilder text, String format, Object... args) {
    text.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
