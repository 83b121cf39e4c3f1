package dev.respool.jetty.ee11;

import dev.respool.Mode;
import dev.respool.testkit.suite.SlowReaderSuite;

/** The naive 64 MiB copy to a slow reader arrives intact in copy mode on Jetty ee11. */
class SlowReaderIT extends SlowReaderSuite {

  SlowReaderIT() {
    super(new JettyEe11Container(), Mode.COPY);
  }
}
