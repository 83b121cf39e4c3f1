package dev.respool.bench.e2e;

import dev.respool.RespoolStats;
import dev.respool.bench.Medians;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Everything one run of the harness measured.
 *
 * @param options the command line
 * @param environment the JVM, the machine, and the tools with their versions and settings
 * @param order the cells of each round in the order they ran
 * @param measurements every measured window, in the order they ran
 * @param respoolStats the counters of each filter at the end, by container and variant
 */
record Results(
    Options options,
    Map<String, Object> environment,
    List<List<Cell>> order,
    List<Measurement> measurements,
    Map<Container, Map<Variant, RespoolStats>> respoolStats) {

  /**
   * The medians of every cell, in the order of the containers, variants, protocols and sizes asked
   * for.
   */
  List<Summary> summaries() {
    List<Summary> summaries = new ArrayList<>();
    for (Container container : options.containers()) {
      for (Variant variant : options.variants()) {
        for (Protocol protocol : options.protocols()) {
          for (int size : options.sizes()) {
            Cell cell = new Cell(container, variant, protocol, size);
            List<Measurement> rounds =
                measurements.stream().filter(m -> m.cell().equals(cell)).toList();
            if (!rounds.isEmpty()) {
              summaries.add(new Summary(cell, rounds));
            }
          }
        }
      }
    }
    return summaries;
  }

  /** The summary of {@code cell}, if it was measured. */
  Optional<Summary> summary(Cell cell) {
    return summaries().stream().filter(s -> s.cell().equals(cell)).findFirst();
  }

  /**
   * The rounds of one cell and their medians.
   *
   * @param cell the cell
   * @param rounds its measurements, one per round
   */
  record Summary(Cell cell, List<Measurement> rounds) {

    double requestsPerSecond() {
      return median(rounds, m -> m.tool().requestsPerSecond());
    }

    double p99Millis() {
      return median(rounds, m -> m.tool().p99Millis());
    }

    double allocatedBytesPerRequest() {
      return median(rounds, Measurement::allocatedBytesPerRequest);
    }

    long errors() {
      return rounds.stream().mapToLong(m -> m.tool().errors()).sum();
    }

    long requests() {
      return rounds.stream().mapToLong(m -> m.tool().requests()).sum();
    }
  }

  /** The median of the values that are not NaN, or NaN when all are. */
  static double median(List<Measurement> rounds, ToDoubleFunction<Measurement> metric) {
    double[] values =
        rounds.stream().mapToDouble(metric).filter(v -> !Double.isNaN(v)).toArray();
    return median(values);
  }

  /** The median of {@code values}: the middle one, or the mean of the middle two. */
  static double median(double[] values) {
    return Medians.of(values);
  }
}
