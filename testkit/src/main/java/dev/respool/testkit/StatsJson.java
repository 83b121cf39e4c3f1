package dev.respool.testkit;

import dev.respool.RespoolStats;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the flat JSON object that {@code GET /stats} answers into {@link RespoolStats}. */
public final class StatsJson {

  /** One member: a name, then a whole number or a string without escapes. */
  private static final Pattern MEMBER = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?\\d+|\"[^\"]*\")");

  private StatsJson() {}

  /**
   * Parses {@code json}.
   *
   * @throws IllegalArgumentException naming the first field of {@link RespoolStats} that is
   *     missing, so that a renamed field fails loudly instead of reading as 0
   */
  public static RespoolStats parse(String json) {
    Map<String, String> members = new HashMap<>();
    Matcher matcher = MEMBER.matcher(json);
    while (matcher.find()) {
      members.put(matcher.group(1), matcher.group(2));
    }
    String mode = field(members, "mode", json);
    return new RespoolStats(
        mode.substring(1, mode.length() - 1),
        number(members, "leasesOut", json),
        number(members, "acquires", json),
        number(members, "hits", json),
        number(members, "misses", json),
        number(members, "returned", json),
        number(members, "dropped", json),
        number(members, "abandoned", json),
        number(members, "pooledBytes", json),
        number(members, "maxPooledBytes", json),
        number(members, "defensiveCopies", json),
        number(members, "detections", json),
        number(members, "leaks", json));
  }

  private static long number(Map<String, String> members, String name, String json) {
    try {
      return Long.parseLong(field(members, name, json));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("/stats field " + name + " is not a number: " + json);
    }
  }

  private static String field(Map<String, String> members, String name, String json) {
    String value = members.get(name);
    if (value == null) {
      throw new IllegalArgumentException("/stats has no field " + name + ": " + json);
    }
    return value;
  }
}
