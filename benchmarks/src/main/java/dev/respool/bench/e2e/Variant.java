package dev.respool.bench.e2e;

import dev.respool.Mode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What sits between the servlet and the container in one server of the harness. */
enum Variant {
  /** No respool filter; the servlet copies with {@code InputStream.transferTo}. */
  NOFILTER(null),
  /** The filter in {@code off} mode; the servlet copies with {@code Respool.copy}. */
  OFF(Mode.OFF),
  /** The filter in {@code pool} mode; the servlet copies with {@code Respool.copy}. */
  POOL(Mode.POOL),
  /** The filter in {@code copy} mode; the servlet copies with {@code Respool.copy}. */
  COPY(Mode.COPY),
  /** The filter in {@code detect} mode; the servlet copies with {@code Respool.copy}. */
  DETECT(Mode.DETECT);

  private final Mode mode;

  Variant(Mode mode) {
    this.mode = mode;
  }

  /** The filter's mode, or null when no filter is registered. */
  Mode mode() {
    return mode;
  }

  /** The name used on the command line and in reports, such as {@code nofilter}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Variant parse(String value, String option) {
    for (Variant variant : values()) {
      if (variant.id().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return variant;
      }
    }
    throw new IllegalArgumentException(
        option + ": unknown variant '" + value + "'; valid variants are " + validIds());
  }

  static String validIds() {
    return Arrays.stream(values()).map(Variant::id).collect(Collectors.joining(","));
  }
}
