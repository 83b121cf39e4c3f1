package dev.respool.testkit;

import dev.respool.Respool;
import dev.respool.RespoolStats;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code GET /stats} with the counters of the respool filter that handled the request, as
 * one JSON object:
 *
 * <pre>{@code
 * {"mode":"copy","leasesOut":0,"acquires":12,"hits":11,"misses":1,"returned":12,"dropped":0,
 *  "abandoned":0,"pooledBytes":32768,"maxPooledBytes":67108864,"defensiveCopies":0,
 *  "detections":0,"leaks":0}
 * }</pre>
 *
 * <p>The fields are those of {@link RespoolStats}. Without the filter, the counters are those of
 * the shared default runtime.
 */
public final class StatsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = toJson(Respool.of(request).stats()).getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/json");
    // Counters change with every request; a cached copy would mislead.
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The JSON object for {@code stats}, on one line, fields in the record's order. */
  static String toJson(RespoolStats stats) {
    return new StringBuilder(256)
        .append("{\"mode\":")
        .append(jsonString(stats.mode()))
        .append(",\"leasesOut\":")
        .append(stats.leasesOut())
        .append(",\"acquires\":")
        .append(stats.acquires())
        .append(",\"hits\":")
        .append(stats.hits())
        .append(",\"misses\":")
        .append(stats.misses())
        .append(",\"returned\":")
        .append(stats.returned())
        .append(",\"dropped\":")
        .append(stats.dropped())
        .append(",\"abandoned\":")
        .append(stats.abandoned())
        .append(",\"pooledBytes\":")
        .append(stats.pooledBytes())
        .append(",\"maxPooledBytes\":")
        .append(stats.maxPooledBytes())
        .append(",\"defensiveCopies\":")
        .append(stats.defensiveCopies())
        .append(",\"detections\":")
        .append(stats.detections())
        .append(",\"leaks\":")
        .append(stats.leaks())
        .append('}')
        .toString();
  }

  /** A JSON string literal; mode ids are plain words, but nothing here should rely on that. */
  private static String jsonString(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder json = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"').toString();
  }
}
