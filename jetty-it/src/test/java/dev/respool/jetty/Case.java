package dev.respool.jetty;

import dev.respool.Mode;
import java.util.List;
import java.util.stream.Stream;

/**
 * One request of the digest matrix: a body length, written one way, over one protocol, to a
 * server in one mode.
 */
record Case(Mode mode, Wire wire, Io io, long length) {

  static final long MIB = 1024 * 1024;

  /**
   * The lengths every mode is tried with: an empty body; one byte; just under Jetty's 8 KiB
   * aggregation size, whose bytes Jetty copies out of the caller's array later; exactly one 32 KiB
   * lease; many leases; and a body four times the 16 MiB that OkHttp buffers of an h2 stream, so
   * that the server's writes back up and stay pending.
   */
  static final List<Long> LENGTHS = List.of(0L, 1L, 8191L, 32768L, MIB, 64 * MIB);

  /** Every length over both protocols, for each of {@code ios}. */
  static Stream<Case> matrix(Mode mode, Io... ios) {
    return Stream.of(ios)
        .flatMap(io -> Stream.of(Wire.values())
            .flatMap(wire -> LENGTHS.stream().map(length -> new Case(mode, wire, io, length))));
  }

  /**
   * A seed of its own for each case, the same in every run, so that a response carrying another
   * case's body cannot match and a failure can be replayed.
   */
  long seed() {
    return (mode.id() + '/' + io.id() + '/' + wire + '/' + length).hashCode();
  }

  @Override
  public String toString() {
    String size = length >= MIB ? length / MIB + " MiB" : length + " B";
    return size + " " + io + " over " + wire + " (seed " + seed() + ")";
  }
}
