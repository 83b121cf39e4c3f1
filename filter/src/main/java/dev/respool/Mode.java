package dev.respool;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the guarded response treats arrays handed to the container.
 *
 * <p>Whatever the mode, respool's own copies return a lease to the pool only after a release
 * signal. The modes differ in what they do with arrays the application owns.
 */
public enum Mode {
  /**
   * The default. In non-blocking mode every caller-owned array is copied into a lease before it
   * reaches the container, so the caller may reuse its array as soon as {@code write} returns.
   */
  COPY,
  /** No defensive copies: caller-owned arrays go to the container as they are. */
  POOL,
  /**
   * For debug runs. Behaves like {@link #COPY}, and in addition overwrites every released lease
   * with a poison pattern and reports each caller array that changed before its release signal.
   */
  DETECT,
  /** The filter passes requests through untouched; useful for comparison only. */
  OFF;

  /** The name used in settings and reports, such as {@code copy} or {@code detect}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a mode name, ignoring case and surrounding blanks.
   *
   * @param value the name, for example {@code "detect"}
   * @param source where the value came from, used in the error message
   * @throws IllegalArgumentException naming the value, its source and the valid modes
   */
  public static Mode parse(String value, String source) {
    String trimmed = value == null ? "" : value.trim();
    for (Mode mode : values()) {
      if (mode.id().equalsIgnoreCase(trimmed)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "Unknown respool mode '" + value + "' from " + source + "; valid modes are " + validIds());
  }

  static String validIds() {
    return Arrays.stream(values()).map(Mode::id).collect(Collectors.joining(", "));
  }
}
