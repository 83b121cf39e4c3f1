package dev.respool.testkit;

import dev.respool.Mode;
import java.util.List;
import java.util.stream.Stream;

/**
 * One request of the digest matrix: a body length, written one way, over one protocol, to a
 * server in one mode.
 *
 * @param mode the mode of the filter that serves the body
 * @param wire the protocol the body is asked for over
 * @param io how the server writes the body
 * @param length the body length
 */
public record Case(Mode mode, Wire wire, Io io, long length) {

  /** One mebibyte, the unit of the larger lengths. */
  public static final long MIB = 1024 * 1024;

  /**
   * The lengths every mode is tried with: an empty body; one byte; just under the 8 KiB that Jetty
   * aggregates and Tomcat buffers, bytes a container may copy out of the caller's array later;
   * exactly one 32 KiB lease; many leases; and a body four times the 16 MiB that OkHttp buffers of
   * an h2 stream, so that the server's writes back up and stay pending.
   */
  public static final List<Long> LENGTHS = List.of(0L, 1L, 8191L, 32768L, MIB, 64 * MIB);

  /** Every length over both protocols, for each of {@code ios}, in that order. */
  public static Stream<Case> matrix(Mode mode, Io... ios) {
    return Stream.of(ios)
        .flatMap(io -> Stream.of(Wire.values())
            .flatMap(wire -> LENGTHS.stream().map(length -> new Case(mode, wire, io, length))));
  }

  /**
   * A seed of its own for each case, the same in every run, so that a response carrying another
   * case's body cannot match and a failure can be replayed.
   */
  public long seed() {
    return (mode.id() + '/' + io.id() + '/' + wire + '/' + length).hashCode();
  }

  /** The length, the way of writing, the protocol and the seed, as test names show them. */
  @Override
  public String toString() {
    String size = length >= MIB ? length / MIB + " MiB" : length + " B";
    return size + " " + io + " over " + wire + " (seed " + seed() + ")";
  }
}
