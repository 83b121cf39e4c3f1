package dev.respool.testkit.suite;

import dev.respool.testkit.Io;
import dev.respool.testkit.Wire;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the clients of a soak saw, added up as their requests end. Thread-safe. */
final class SoakTally {

  /** How a request ended. */
  enum Result {
    /** The whole body arrived and matched. */
    COMPLETED,
    /** The client went away as planned. */
    ABORTED,
    /** The client stalled, and the server gave up on the response meanwhile. */
    STALL_CUT,
    /** The client stalled, and the whole body still arrived and matched when it read on. */
    STALL_COMPLETED,
    /**
     * The client stalled, and when it read on the server sent part of the rest, then nothing more,
     * and left the h2c stream open; the bytes that did arrive matched.
     */
    STALL_LEFT_OPEN,
    /** Anything else: a status, header, length or byte that differs, or a failure. */
    FAILED
  }

  /**
   * How one request ended.
   *
   * @param request the request
   * @param result how it ended
   * @param received the body bytes the client read
   * @param corrupted the bytes read that differ from the body asked for
   * @param problem what went wrong for {@link Result#FAILED}, else null
   */
  record Outcome(
      SoakRequest request, Result result, long received, long corrupted, String problem) {}

  /** Failures kept for the report; the count covers all of them. */
  private static final int FAILURES_KEPT = 20;

  private final Map<Result, LongAdder> results = new EnumMap<>(Result.class);

  /** The results by protocol, way of writing and result, for example {@code h2c async ABORTED}. */
  private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

  private final LongAdder requested = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder corrupted = new LongAdder();
  private final LongAdder cancels = new LongAdder();
  private final LongAdder closes = new LongAdder();

  /** Guarded by itself. */
  private final List<Outcome> failures = new ArrayList<>();

  SoakTally() {
    for (Result result : Result.values()) {
      results.put(result, new LongAdder());
    }
  }

  /** Adds one request's outcome. */
  void add(Outcome outcome) {
    results.get(outcome.result()).increment();
    SoakRequest request = outcome.request();
    byKind
        .computeIfAbsent(kind(request.wire(), request.io(), outcome.result()), k -> new LongAdder())
        .increment();
    requested.add(outcome.request().length());
    received.add(outcome.received());
    corrupted.add(outcome.corrupted());
    if (outcome.result() == Result.ABORTED) {
      (outcome.request().cancel() ? cancels : closes).increment();
    }
    if (outcome.result() == Result.FAILED || outcome.corrupted() != 0) {
      synchronized (failures) {
        if (failures.size() < FAILURES_KEPT) {
          failures.add(outcome);
        }
      }
    }
  }

  /** The requests that ended with {@code result}. */
  long count(Result result) {
    return results.get(result).sum();
  }

  /**
   * For each protocol and way of writing, how many requests ended each way, one line each: for
   * example {@code h2c async: COMPLETED 150, ABORTED 17, STALL_CUT 1}.
   */
  List<String> breakdown() {
    return Stream.of(Wire.values())
        .flatMap(wire -> Stream.of(Io.values())
            .map(io -> wire + " " + io + ": "
                + Stream.of(Result.values())
                    .filter(result -> byKind.containsKey(kind(wire, io, result)))
                    .map(result ->
                        result + " " + byKind.get(kind(wire, io, result)).sum())
                    .collect(Collectors.joining(", "))))
        .toList();
  }

  private static String kind(Wire wire, Io io, Result result) {
    return wire + " " + io + " " + result;
  }

  /** The requests over {@code wire}, written as {@code io}, that ended with {@code result}. */
  long count(Wire wire, Io io, Result result) {
    LongAdder count = byKind.get(kind(wire, io, result));
    return count == null ? 0 : count.sum();
  }

  /** The requests that ended, however. */
  long requests() {
    return results.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** The body bytes the requests asked for. */
  long bytesRequested() {
    return requested.sum();
  }

  /** The body bytes the clients read. */
  long bytesReceived() {
    return received.sum();
  }

  /** The bytes read that differ from the bodies asked for. */
  long corrupted() {
    return corrupted.sum();
  }

  /** Aborted requests whose call was cancelled. */
  long cancels() {
    return cancels.sum();
  }

  /** Aborted requests whose body was closed. */
  long closes() {
    return closes.sum();
  }

  /** The first failed or corrupted outcomes, in the order they ended. */
  List<Outcome> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }
}
