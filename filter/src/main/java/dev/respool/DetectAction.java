package dev.respool;

import java.util.Locale;

/** What {@code detect} mode does beyond counting when a caller array changed too early. */
public enum DetectAction {
  /** Logs a report at WARNING, once per write site. The default. */
  LOG,
  /**
   * Logs the same report, and also throws a {@link RespoolViolationException} from the {@code
   * isReady()} or {@code onWritePossible()} that found the change, so that a test fails at the
   * faulty writer.
   */
  THROW;

  /** The name used in settings: {@code log} or {@code throw}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses an action name, ignoring case and surrounding blanks.
   *
   * @param value the name, for example {@code "throw"}
   * @param source where the value came from, used in the error message
   * @throws IllegalArgumentException naming the value, its source and the valid actions
   */
  public static DetectAction parse(String value, String source) {
    String trimmed = value == null ? "" : value.trim();
    for (DetectAction action : values()) {
      if (action.id().equalsIgnoreCase(trimmed)) {
        return action;
      }
    }
    throw new IllegalArgumentException("Unknown respool detect action '" + value + "' from "
        + source + "; valid actions are log," + " throw");
  }
}
