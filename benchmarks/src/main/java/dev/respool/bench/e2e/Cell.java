package dev.respool.bench.e2e;

/**
 * One combination the harness measures in every round.
 *
 * @param container the container that serves the bodies
 * @param variant the server's variant
 * @param protocol the protocol, and so the load tool
 * @param size the body size in bytes
 */
record Cell(Container container, Variant variant, Protocol protocol, int size) {

  /** The cell as a report shows it, such as {@code tomcat copy h2c 1 MiB}. */
  @Override
  public String toString() {
    return container.id() + " " + variant.id() + " " + protocol.id() + " " + sizeLabel(size);
  }

  /** A size as {@code 1 KiB} or {@code 1 MiB} when it is a whole number of them, else in bytes. */
  static String sizeLabel(int size) {
    if (size % (1024 * 1024) == 0) {
      return size / (1024 * 1024) + " MiB";
    }
    if (size % 1024 == 0) {
      return size / 1024 + " KiB";
    }
    return size + " B";
  }
}
