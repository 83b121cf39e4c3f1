package dev.respool.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * What a suite asks of a server's one connector beyond the container's defaults. Each {@link
 * ServletContainer} maps these settings onto its own.
 *
 * @param sendBufferBytes the socket send buffer of accepted connections, or 0 for the container's
 *     default; a small one keeps writes pending while the client reads slowly
 * @param idleTimeout how long a connection, or an HTTP/2 stream, may make no progress in reading
 *     or writing before the container gives up on it; {@link Duration#ZERO} for the container's
 *     defaults
 */
public record ConnectorSettings(int sendBufferBytes, Duration idleTimeout) {

  /** The container's own defaults for everything. */
  public static final ConnectorSettings DEFAULTS = new ConnectorSettings(0, Duration.ZERO);

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException if a value is negative
   */
  public ConnectorSettings {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (sendBufferBytes < 0 || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("send buffer " + sendBufferBytes + " and idle timeout "
          + idleTimeout + " must not be negative");
    }
  }

  /** These settings with a send buffer of {@code bytes}, or the default for 0. */
  public ConnectorSettings withSendBuffer(int bytes) {
    return new ConnectorSettings(bytes, idleTimeout);
  }

  /** These settings with an idle timeout of {@code timeout}, or the defaults for zero. */
  public ConnectorSettings withIdleTimeout(Duration timeout) {
    return new ConnectorSettings(sendBufferBytes, timeout);
  }
}
