package dev.respool.bench.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code h2load} over h2c with prior knowledge and one thread, and reads its report. h2load
 * prints no latency percentiles, so the 99th percentile comes from its per-request log ({@code
 * --log-file}): one line per completed request with its start time, status and duration in
 * microseconds, separated by tabs.
 */
final class H2load {

  private static final Pattern FINISHED =
      Pattern.compile("^finished in ([\\d.]+)(us|ms|s), ([\\d.]+) req/s", Pattern.MULTILINE);
  private static final Pattern REQUESTS = Pattern.compile(
      "^requests: (\\d+) total,"
          + " (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored,"
          + " (\\d+) timeout",
      Pattern.MULTILINE);
  private static final Pattern STATUS = Pattern.compile(
      "^status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx", Pattern.MULTILINE);

  private H2load() {}

  /**
   * The command line of one run: one thread, {@code connections} connections with up to {@code
   * streams} concurrent streams each, for {@code seconds} seconds, logging each request to {@code
   * log} unless it is null.
   */
  static List<String> command(
      String executable, URI url, int connections, int streams, int seconds, Path log) {
    List<String> command = new ArrayList<>(List.of(
        executable,
        "-c",
        Integer.toString(connections),
        "-m",
        Integer.toString(streams),
        "-t",
        "1",
        "-D",
        Integer.toString(seconds)));
    if (log != null) {
      command.add("--log-file=" + log);
    }
    command.add(url.toString());
    return command;
  }

  /**
   * Reads the report h2load prints and the latencies of its request log.
   *
   * @param output what h2load printed
   * @param latenciesMicros the duration of each request in the log, in microseconds
   * @throws IllegalArgumentException if the report lacks the {@code finished in} or {@code
   *     requests:} line
   */
  static ToolResult parse(String output, long[] latenciesMicros) {
    Matcher finished = find(FINISHED, output, "'finished in' line");
    Matcher requests = find(REQUESTS, output, "'requests:' line");
    long done = Long.parseLong(requests.group(3));
    // "failed" counts every request that did not succeed: non-2xx statuses, and the "errored"
    // ones (resets, broken connections), which include the timeouts.
    long failed = Long.parseLong(requests.group(5));
    String detail = "failed " + failed + " (errored " + requests.group(6) + ", timeout "
        + requests.group(7) + "), started " + requests.group(2) + ", done " + done;
    Matcher status = STATUS.matcher(output);
    if (status.find()) {
      detail += ", status codes: " + status.group(1) + " 2xx, " + status.group(2) + " 3xx, "
          + status.group(3) + " 4xx, " + status.group(4) + " 5xx";
    }
    return new ToolResult(
        Double.parseDouble(finished.group(3)),
        percentile(latenciesMicros, 0.99) / 1_000.0,
        done,
        failed,
        detail);
  }

  /**
   * Reads the request durations of an h2load log file.
   *
   * @throws IllegalArgumentException if a line does not have three tab-separated numbers
   */
  static long[] readLog(Path log) throws IOException {
    long[] latencies = new long[1024];
    int count = 0;
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.US_ASCII)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty()) {
          continue;
        }
        int last = line.lastIndexOf('\t');
        if (last < 0 || line.indexOf('\t') == last) {
          throw new IllegalArgumentException(
              "unexpected line in the h2load log " + log + ": '" + line + "'");
        }
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        try {
          latencies[count++] = Long.parseLong(line.substring(last + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "unexpected line in the h2load log " + log + ": '" + line + "'", e);
        }
      }
    }
    return Arrays.copyOf(latencies, count);
  }

  /**
   * The nearest-rank percentile: the smallest value that at least {@code fraction} of the values
   * do not exceed, or NaN when there are none.
   */
  static double percentile(long[] values, double fraction) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    // Less a hair, so that a product such as 0.99 * 100 that lands just above 99 stays 99.
    int rank = (int) Math.ceil(fraction * sorted.length - 1e-9);
    return sorted[Math.max(rank, 1) - 1];
  }

  private static Matcher find(Pattern pattern, String output, String what) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalArgumentException(
          "h2load printed no " + what + "; its output was:\n" + output);
    }
    return matcher;
  }
}
