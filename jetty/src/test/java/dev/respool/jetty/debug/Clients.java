package dev.respool.jetty.debug;

import java.util.List;
import okhttp3.Protocol;

/** One client per protocol, shared by the tests so that connections are reused. */
final class Clients {

  /** HTTP/1.1, and h2c with prior knowledge. */
  static final List<Protocol> PROTOCOLS = List.of(Protocol.HTTP_1_1, Protocol.H2_PRIOR_KNOWLEDGE);

  private static final Fetch HTTP_1_1 = Fetch.over(Protocol.HTTP_1_1, 0);
  private static final Fetch H2C = Fetch.over(Protocol.H2_PRIOR_KNOWLEDGE, 0);

  private Clients() {}

  /** The shared client of {@code protocol}, with the system's self-tuning receive buffer. */
  static Fetch of(Protocol protocol) {
    return protocol == Protocol.HTTP_1_1 ? HTTP_1_1 : H2C;
  }
}
