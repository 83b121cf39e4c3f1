package dev.respool.testkit.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks the operations of a script that shows a difference to a shorter list that still shows
 * it: it removes runs of operations, halves first, then quarters and so on down to single
 * operations, keeping every removal after which the difference remains. Both the number of checks
 * and the time are bounded, so a shrink ends even when the difference comes and goes.
 */
final class ScriptShrinker {

  /** Whether a list of operations still shows the difference. */
  @FunctionalInterface
  interface Check {
    boolean differs(List<ResponseOp> ops) throws Exception;
  }

  /**
   * The outcome of a shrink.
   *
   * @param ops the shortest list found that still differs
   * @param checks how many lists were tried
   */
  record Shrunk(List<ResponseOp> ops, int checks) {}

  private ScriptShrinker() {}

  /**
   * Shrinks {@code ops}, which differ.
   *
   * @param maxChecks the most lists to try
   * @param budget how long to try; a check under way when it runs out is finished first
   */
  static Shrunk shrink(List<ResponseOp> ops, Check check, int maxChecks, Duration budget)
      throws Exception {
    long deadline = System.nanoTime() + budget.toNanos();
    List<ResponseOp> current = List.copyOf(ops);
    int checks = 0;
    int chunk = Math.max(1, current.size() / 2);
    while (checks < maxChecks && System.nanoTime() < deadline && !current.isEmpty()) {
      boolean removed = false;
      for (int start = 0;
          start < current.size() && checks < maxChecks && System.nanoTime() < deadline; ) {
        List<ResponseOp> candidate = without(current, start, chunk);
        checks++;
        if (check.differs(candidate)) {
          current = candidate;
          removed = true;
        } else {
          start += chunk;
        }
      }
      if (!removed) {
        if (chunk == 1) {
          break;
        }
        chunk = Math.max(1, chunk / 2);
      }
    }
    return new Shrunk(current, checks);
  }

  private static List<ResponseOp> without(List<ResponseOp> ops, int start, int count) {
    List<ResponseOp> rest = new ArrayList<>(ops.subList(0, start));
    rest.addAll(ops.subList(Math.min(ops.size(), start + count), ops.size()));
    return List.copyOf(rest);
  }
}
