package dev.respool.testkit.suite;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import okhttp3.Headers;

/**
 * What one run of a script gave: the response as the client saw it, and the server's {@link
 * OpJournal} record of the run. Two of them, from the same script with and without the filter,
 * must not {@linkplain #differences differ}.
 *
 * @param status the status, or -1 when no response arrived
 * @param headers the headers that matter, by lower-case name, each with its values in order
 * @param body the body bytes received, up to the failure if there was one
 * @param failure the class of the exception that ended the exchange, or null if none did
 * @param journal the server's record of the run
 */
record Observed(
    int status,
    SortedMap<String, List<String>> headers,
    byte[] body,
    String failure,
    List<String> journal) {

  /**
   * Headers whose value differs from one response to the next whatever the application does, and
   * which are therefore left out of the comparison: {@code Date} holds the time of the response,
   * to the second.
   */
  static final Set<String> VARYING_HEADERS = Set.of("date");

  /** Where the servers listen; each deployment has its own server, on its own port. */
  private static final String HOST = "127.0.0.1:";

  /** What replaces the port of the server that answered. */
  private static final String ANY_PORT = HOST + "PORT";

  /**
   * What a response gave, with its headers as {@link #headers} keeps them.
   *
   * @param port the port of the server that answered: {@code 127.0.0.1:port} becomes {@code
   *     127.0.0.1:PORT} in header values and in the body, where error pages show the request URL
   */
  static Observed of(
      int status, Headers headers, byte[] body, String failure, List<String> journal, int port) {
    SortedMap<String, List<String>> kept = new TreeMap<>();
    String origin = HOST + port;
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(Locale.ROOT);
      if (!VARYING_HEADERS.contains(name)) {
        String value = headers.value(i).replace(origin, ANY_PORT);
        kept.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return new Observed(status, kept, withoutPort(body, origin), failure, List.copyOf(journal));
  }

  /** {@code body} with each {@code origin} replaced by {@link #ANY_PORT}, byte for byte. */
  private static byte[] withoutPort(byte[] body, String origin) {
    byte[] from = origin.getBytes(StandardCharsets.ISO_8859_1);
    byte[] to = ANY_PORT.getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
    int start = 0;
    for (int i = 0; i + from.length <= body.length; ) {
      if (Arrays.equals(body, i, i + from.length, from, 0, from.length)) {
        out.write(body, start, i - start);
        out.write(to, 0, to.length);
        i += from.length;
        start = i;
      } else {
        i++;
      }
    }
    out.write(body, start, body.length - start);
    return out.toByteArray();
  }

  /**
   * How {@code guarded} differs from {@code plain}, one line for each difference; empty if they
   * agree. Two exchanges that both failed with the same exception agree when the body one
   * received is the start of the other's, since where a cut body ends is up to the network.
   */
  static List<String> differences(Observed plain, Observed guarded) {
    List<String> found = new ArrayList<>();
    if (plain.status != guarded.status) {
      found.add("status: " + plain.status + " without the filter, " + guarded.status + " with it");
    }
    Set<String> names = new TreeSet<>(plain.headers.keySet());
    names.addAll(guarded.headers.keySet());
    for (String name : names) {
      List<String> without = plain.headers.get(name);
      List<String> with = guarded.headers.get(name);
      if (!Objects.equals(without, with)) {
        found.add("header " + name + ": " + values(without) + " without the filter, " + values(with)
            + " with it");
      }
    }
    if (!Objects.equals(plain.failure, guarded.failure)) {
      found.add("exchange: " + ending(plain.failure) + " without the filter, "
          + ending(guarded.failure) + " with it");
    }
    bodyDifference(plain, guarded).ifPresent(found::add);
    journalDifference(plain.journal, guarded.journal).ifPresent(found::add);
    return found;
  }

  private static Optional<String> bodyDifference(Observed plain, Observed guarded) {
    byte[] a = plain.body;
    byte[] b = guarded.body;
    boolean bothCut = plain.failure != null && guarded.failure != null;
    int common = Math.min(a.length, b.length);
    int mismatch = Arrays.mismatch(a, 0, common, b, 0, common);
    if (mismatch < 0 && (a.length == b.length || bothCut)) {
      return Optional.empty();
    }
    int at = mismatch < 0 ? common : mismatch;
    return Optional.of("body: " + a.length + " bytes without the filter, " + b.length
        + " with it; they differ from byte " + at + ": " + excerpt(a, at) + " without, "
        + excerpt(b, at) + " with");
  }

  private static Optional<String> journalDifference(List<String> without, List<String> with) {
    int size = Math.min(without.size(), with.size());
    for (int i = 0; i < size; i++) {
      if (!without.get(i).equals(with.get(i))) {
        return Optional.of("server, operation " + (i + 1) + ": '" + without.get(i)
            + "' without the filter, '" + with.get(i) + "' with it");
      }
    }
    if (without.size() != with.size()) {
      return Optional.of("server: " + without.size() + " lines recorded without the" + " filter, "
          + with.size() + " with it");
    }
    return Optional.empty();
  }

  private static String values(List<String> values) {
    return values == null ? "(absent)" : values.toString();
  }

  private static String ending(String failure) {
    return failure == null ? "complete" : "ended by " + failure;
  }

  /** Up to 24 bytes from {@code at}, as ISO-8859-1 text with control bytes escaped. */
  private static String excerpt(byte[] body, int at) {
    if (at >= body.length) {
      return "(end)";
    }
    String text = new String(body, at, Math.min(24, body.length - at), StandardCharsets.ISO_8859_1);
    StringBuilder shown = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      shown.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return shown.append('"').toString();
  }

  /** One line for reports: status, headers, body length and ending, then the server's record. */
  String summary() {
    StringBuilder text = new StringBuilder();
    text.append(status).append(' ');
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      text.append(header.getKey()).append('=').append(header.getValue()).append(' ');
    }
    text.append("body ").append(body.length).append(" bytes, ").append(ending(failure));
    text.append("; server: ").append(String.join(" | ", journal));
    return text.toString();
  }
}
