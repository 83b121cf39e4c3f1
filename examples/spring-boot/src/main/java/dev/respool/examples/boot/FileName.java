package dev.respool.examples.boot;

/**
 * The rules for the names a client may ask for: a plain file name, never a path. Checking the
 * name before it touches the file system keeps the request inside the directory even before the
 * real path is compared with it.
 */
final class FileName {

  /** The longest name most file systems accept. */
  static final int MAX_LENGTH = 255;

  private FileName() {}

  /**
   * Returns {@code name} if a client may ask for it.
   *
   * @throws BadFileNameException if it is empty, too long, contains {@code /}, {@code \}, {@code
   *     ..} or a control character, or starts with a dot
   */
  static String check(String name) {
    String reason = flaw(name);
    if (reason != null) {
      throw new BadFileNameException(name == null ? "" : name, reason);
    }
    return name;
  }

  /** Whether {@link #check} accepts {@code name}. */
  static boolean isPlain(String name) {
    return flaw(name) == null;
  }

  /** {@code name} with control characters written as Java escapes, safe to show in a message. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Why a client may not ask for {@code name}, or null if it may. */
  private static String flaw(String name) {
    if (name == null || name.isEmpty()) {
      return "it is empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "it is longer than " + MAX_LENGTH + " characters";
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
      return "it contains a path separator";
    }
    if (name.startsWith(".")) {
      // Also rules out "." and "..", and hidden files, which the listing leaves out.
      return "it starts with a dot";
    }
    if (name.contains("..")) {
      return "it contains '..'";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        return "it contains a control character";
      }
    }
    return null;
  }
}
