package dev.respool.bench.e2e;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The protocols the harness loads a server with, each with the tool that speaks it. */
enum Protocol {
  /** HTTP/1.1, loaded by {@code wrk}. */
  H1("wrk"),
  /** h2c with prior knowledge, loaded by {@code h2load}. */
  H2C("h2load");

  private final String tool;

  Protocol(String tool) {
    this.tool = tool;
  }

  /** The executable of the load tool for this protocol. */
  String tool() {
    return tool;
  }

  /** The name used on the command line and in reports: {@code h1} or {@code h2c}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Protocol parse(String value, String option) {
    for (Protocol protocol : values()) {
      if (protocol.id().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return protocol;
      }
    }
    throw new IllegalArgumentException(option + ": unknown protocol '" + value
        + "'; valid protocols are "
        + Arrays.stream(values()).map(Protocol::id).collect(Collectors.joining(",")));
  }
}
