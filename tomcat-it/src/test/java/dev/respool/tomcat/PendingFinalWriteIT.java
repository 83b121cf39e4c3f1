package dev.respool.tomcat;

import dev.respool.testkit.suite.PendingFinalWriteSuite;

/**
 * A final write still pending as the handler lets go, in every mode on Tomcat. Over h2c, Tomcat
 * 11 leaves a non-blocking write that waits for a window update unsent, and the stream open, once
 * the application calls {@code complete()}: measured here with the filter off as well.
 */
class PendingFinalWriteIT extends PendingFinalWriteSuite {

  PendingFinalWriteIT() {
    super(new TomcatContainer(), PendingAtComplete.LEFT_UNSENT);
  }
}
