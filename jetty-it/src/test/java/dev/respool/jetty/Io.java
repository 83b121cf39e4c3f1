package dev.respool.jetty;

import java.util.Locale;

/** How the demo's bytes servlet writes a body, chosen with its {@code io} parameter. */
enum Io {
  /** {@code Respool.copy}: blocking writes through a lease. */
  BLOCKING,

  /** {@code Respool.copyAsync}: non-blocking writes, each lease reused only after its release. */
  ASYNC,

  /** The deliberately wrong non-blocking copy that refills its array as soon as write returns. */
  NAIVE;

  /** The value of the {@code io} parameter. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
