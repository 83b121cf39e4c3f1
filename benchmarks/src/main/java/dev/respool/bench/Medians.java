package dev.respool.bench;

import java.util.Arrays;

/** Medians, the statistic every benchmark here reports. */
public final class Medians {

  private Medians() {}

  /** The median of {@code values}: the middle one, or the mean of the middle two; NaN if none. */
  public static double of(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
