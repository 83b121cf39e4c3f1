package dev.respool.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@link BytesServlet} writes a body, chosen with its {@code io} parameter. */
public enum Io {
  /** {@code Respool.copy}: blocking writes through a lease. */
  BLOCKING,

  /** {@code Respool.copyAsync}: non-blocking writes, each lease reused only after its release. */
  ASYNC,

  /**
   * {@link NaiveAsyncCopy}: the deliberately wrong non-blocking copy that refills its array as soon
   * as {@code write} returns.
   */
  NAIVE;

  /** The value of the {@code io} parameter, for example {@code naive}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The ids of all values, comma-separated, for messages that list them. */
  static String validIds() {
    return Arrays.stream(values()).map(Io::id).collect(Collectors.joining(", "));
  }

  /** The {@link #id()}, so that test names read like the request. */
  @Override
  public String toString() {
    return id();
  }
}
