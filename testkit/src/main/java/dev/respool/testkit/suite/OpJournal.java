package dev.respool.testkit.suite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What each run of a script saw on the server: for every operation whether it returned or which
 * exception it threw, and whether the response was committed after it. The servlet records into
 * it, and the test reads it once the run says it is over.
 *
 * <p>This is how a failure of an operation reaches the comparison. A header would be lost once the
 * response is committed, and a marker in the body once it is closed; a record kept beside the
 * response is neither, and the test waits for the run's end instead of for the client, so the
 * record cannot depend on when the client reads.
 */
final class OpJournal {

  private final ConcurrentMap<String, Run> runs = new ConcurrentHashMap<>();

  /**
   * Starts the record of one run.
   *
   * @param id the run's identifier, unique among the runs of this journal
   */
  Run open(String id) {
    Run run = new Run();
    runs.put(id, run);
    return run;
  }

  /**
   * The record of run {@code id}, once the run is over or {@code bound} has passed, and forgets it.
   * A run that did not end in time ends its record with a line that says so.
   */
  List<String> take(String id, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    Run run = runs.get(id);
    while (run == null && System.nanoTime() < deadline) {
      // The request may not have reached the servlet at all, for example when the client failed.
      Thread.sleep(5);
      run = runs.get(id);
    }
    if (run == null) {
      return List.of("(the servlet never ran)");
    }
    boolean over = run.end.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    runs.remove(id);
    List<String> lines = run.lines();
    if (!over) {
      lines.add("(still running after " + bound.toSeconds() + " s)");
    }
    return lines;
  }

  /** The record of one run, written by the servlet from whichever thread runs the script. */
  static final class Run {
    private final List<String> lines = new ArrayList<>();
    private final CountDownLatch end = new CountDownLatch(1);
    private boolean over;

    /** Adds a line, unless the run is over. */
    synchronized void record(String line) {
      if (!over) {
        lines.add(line);
      }
    }

    /**
     * The run is over: whatever the container reports later, for example an {@code onError} that
     * follows a failed write on another thread, comes at a time no test can rely on.
     */
    synchronized void end() {
      over = true;
      end.countDown();
    }

    private synchronized List<String> lines() {
      return new ArrayList<>(lines);
    }
  }
}
