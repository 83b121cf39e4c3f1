package dev.respool.bench.e2e;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} over HTTP/1.1 with one thread, and reads its report. */
final class Wrk {

  private static final Pattern REQUESTS =
      Pattern.compile("^\\s*(\\d+) requests in ([\\d.]+)(us|ms|s|m|h),", Pattern.MULTILINE);
  private static final Pattern RATE =
      Pattern.compile("^Requests/sec:\\s+([\\d.]+)\\s*$", Pattern.MULTILINE);
  private static final Pattern P99 =
      Pattern.compile("^\\s*99%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$", Pattern.MULTILINE);
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

  private Wrk() {}

  /**
   * The command line of one run: one thread, {@code connections} connections, {@code seconds}
   * seconds, with the latency distribution.
   */
  static List<String> command(String executable, URI url, int connections, int seconds) {
    return List.of(
        executable, "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", url.toString());
  }

  /**
   * Reads the report {@code wrk --latency} prints.
   *
   * @throws IllegalArgumentException if the report lacks the request count, the rate or the 99%
   *     line
   */
  static ToolResult parse(String output) {
    Matcher requests = find(REQUESTS, output, "'N requests in T' line");
    Matcher rate = find(RATE, output, "'Requests/sec:' line");
    Matcher p99 = find(P99, output, "'99%' line of the latency distribution (--latency)");
    long completed = Long.parseLong(requests.group(1));

    long connect = 0;
    long read = 0;
    long write = 0;
    long timeout = 0;
    Matcher socket = SOCKET_ERRORS.matcher(output);
    if (socket.find()) {
      connect = Long.parseLong(socket.group(1));
      read = Long.parseLong(socket.group(2));
      write = Long.parseLong(socket.group(3));
      timeout = Long.parseLong(socket.group(4));
    }
    Matcher non2xx = NON_2XX.matcher(output);
    long statusErrors = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;

    double p99Millis = completed == 0 ? Double.NaN : millis(p99.group(1), p99.group(2));
    String detail = "non-2xx/3xx " + statusErrors + ", socket errors: connect " + connect
        + ", read " + read + ", write " + write + ", timeout " + timeout;
    return new ToolResult(
        Double.parseDouble(rate.group(1)),
        p99Millis,
        completed,
        statusErrors + connect + read + write + timeout,
        detail);
  }

  /** A duration as wrk prints it, such as {@code 734.00us} or {@code 1.41ms}, in milliseconds. */
  static double millis(String number, String unit) {
    double value = Double.parseDouble(number);
    return switch (unit) {
      case "us" -> value / 1_000;
      case "ms" -> value;
      case "s" -> value * 1_000;
      case "m" -> value * 60_000;
      case "h" -> value * 3_600_000;
      default -> throw new IllegalArgumentException("unknown wrk time unit '" + unit + "'");
    };
  }

  private static Matcher find(Pattern pattern, String output, String what) {
    Matcher matcher = pattern.matcher(output);
    if (!matcher.find()) {
      throw new IllegalArgumentException("wrk printed no " + what + "; its output was:\n" + output);
    }
    return matcher;
  }
}
