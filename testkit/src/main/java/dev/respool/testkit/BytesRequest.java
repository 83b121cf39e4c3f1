package dev.respool.testkit;

/**
 * What a {@code GET /bytes/{n}?seed={s}&io={io}} asks for, checked.
 *
 * @param length the body length {@code n}
 * @param seed the body seed, 0 when absent
 * @param io how the body is written
 */
record BytesRequest(long length, long seed, Io io) {

  /**
   * Checks the parts of a request.
   *
   * @param pathInfo the path after the servlet's mapping, for example {@code /1000}
   * @param seed the {@code seed} parameter, or null
   * @param io the {@code io} parameter, or null
   * @throws IllegalArgumentException with a one-line reason naming the bad parameter and the valid
   *     values
   */
  static BytesRequest parse(String pathInfo, String seed, String io) {
    return new BytesRequest(parseLength(pathInfo), parseSeed(seed), parseIo(io));
  }

  private static long parseLength(String pathInfo) {
    String n = pathInfo == null ? "" : pathInfo.substring(1);
    IllegalArgumentException bad = new IllegalArgumentException("bad n " + quote(n)
        + ": expected /bytes/{n} with n a whole number from 0 to " + BytesServlet.MAX_LENGTH);
    // Digits only: Long.parseLong would also take a sign.
    if (n.isEmpty() || !n.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad;
    }
    try {
      long length = Long.parseLong(n);
      if (length > BytesServlet.MAX_LENGTH) {
        throw bad;
      }
      return length;
    } catch (NumberFormatException e) {
      throw bad;
    }
  }

  private static long parseSeed(String seed) {
    if (seed == null) {
      return 0;
    }
    IllegalArgumentException bad = new IllegalArgumentException("bad seed " + quote(seed)
        + ": expected a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE);
    // ASCII digits after an optional minus: Long.parseLong would also take other scripts' digits.
    String digits = seed.startsWith("-") ? seed.substring(1) : seed;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw bad;
    }
    try {
      return Long.parseLong(seed);
    } catch (NumberFormatException e) {
      throw bad;
    }
  }

  private static Io parseIo(String io) {
    if (io == null) {
      return Io.BLOCKING;
    }
    for (Io value : Io.values()) {
      if (value.id().equals(io)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "bad io " + quote(io) + ": valid values are " + Io.validIds());
  }

  /** Quotes a client's value for a one-line message: short, and without control characters. */
  static String quote(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
