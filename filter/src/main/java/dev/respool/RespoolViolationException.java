package dev.respool;

/**
 * Thrown in {@code detect} mode with the {@link DetectAction#THROW throw} action when a caller
 * changed an array between its {@code write} and the release signal. The message is the detection
 * report; the cause carries the stack of the write.
 */
public final class RespoolViolationException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a detection report and the stack of the faulty write. */
  public RespoolViolationException(String report, Throwable writeSite) {
    super(report, writeSite);
  }
}
