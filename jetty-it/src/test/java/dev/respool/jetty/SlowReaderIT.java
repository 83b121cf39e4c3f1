package dev.respool.jetty;

import dev.respool.Mode;
import dev.respool.testkit.suite.SlowReaderSuite;

/**
 * Without the filter, the naive copy corrupts 64 MiB bodies to a slow reader on Jetty 12 over both
 * protocols; in copy mode they must arrive byte for byte.
 */
class SlowReaderIT extends SlowReaderSuite {

  SlowReaderIT() {
    super(new JettyContainer(), Mode.COPY);
  }
}
