package dev.respool.testkit.suite;

import dev.respool.testkit.Io;
import dev.respool.testkit.LogCollector;
import dev.respool.testkit.Wire;
import dev.respool.testkit.suite.SoakTally.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything logged in the JVM while a soak runs: respool's loggers at every level, the
 * container's from INFO up, and anything else that reaches the root logger. The soak passes only
 * if each record is one of the few {@linkplain #EXPECTED expected kinds}, and no kind shows up
 * more often than the aborts and stalls that cause it.
 */
final class SoakLog implements AutoCloseable {

  /**
   * A kind of record that a soak's aborts and stalls may cause.
   *
   * @param name how the report names it
   * @param matches which records are of this kind
   * @param most how many records of this kind the requests of a soak may cause at most
   */
  record Kind(String name, Predicate<LogRecord> matches, ToLongFunction<SoakTally> most) {}

  /**
   * Jetty's warning for a servlet whose blocking write failed at the idle timeout: {@code
   * Respool.copy} rethrows the failure, and only a stalled client lets the timeout pass. The
   * wording differs between an HTTP/1.1 connection and an h2 stream.
   */
  private static final Pattern JETTY_IDLE_TIMEOUT = Pattern.compile(
      "handleException /bytes/\\d+ java\\.io\\.IOException: java\\.util\\.concurrent\\."
          + "TimeoutException: Idle timeout (expired: \\d+/\\d+ ms|\\d+ ms elapsed)");

  /**
   * Tomcat's note of an h2 stream that failed, here one that the client reset: logged at INFO
   * once per JVM, at DEBUG after that.
   */
  private static final Pattern TOMCAT_STREAM_ERROR = Pattern.compile(
      "Connection \\[\\w+\\], Stream \\[\\d+\\] Closed due to error\\n Note: further"
          + " occurrences of HTTP/2 stream errors will be logged at DEBUG level\\.");

  /** The kinds of record a soak may cause; any other record fails it. */
  static final List<Kind> EXPECTED = List.of(
      new Kind(
          "Jetty idle timeout of a blocking write",
          record -> record.getLevel() == Level.WARNING
              && record
                  .getLoggerName()
                  .matches("org\\.eclipse\\.jetty\\.ee1[01]\\.servlet\\.ServletChannel")
              && JETTY_IDLE_TIMEOUT.matcher(record.getMessage()).matches(),
          tally -> Stream.of(Wire.values())
              .mapToLong(wire -> tally.count(wire, Io.BLOCKING, Result.STALL_CUT))
              .sum()),
      new Kind(
          "Tomcat h2 stream reset by its client",
          record -> record.getLevel() == Level.INFO
              && record.getLoggerName().equals("org.apache.coyote.http2.Http2UpgradeHandler")
              && record.getThrown() != null
              && record
                  .getThrown()
                  .getClass()
                  .getName()
                  .equals("org.apache.coyote.http2.StreamException")
              && TOMCAT_STREAM_ERROR.matcher(record.getMessage()).matches(),
          tally -> Math.min(1, tally.count(Result.ABORTED))));

  /** The loggers whose levels are lowered while the soak runs, and their levels before. */
  private final Map<Logger, Level> lowered = new LinkedHashMap<>();

  private final LogCollector collector;

  private SoakLog(List<String> containerLoggers) {
    lower("dev.respool", Level.ALL);
    for (String name : containerLoggers) {
      lower(name, Level.INFO);
    }
    this.collector = LogCollector.start("");
  }

  /**
   * Starts collecting.
   *
   * @param containerLoggers the container's loggers, whose INFO records are collected too
   */
  static SoakLog start(List<String> containerLoggers) {
    return new SoakLog(containerLoggers);
  }

  private void lower(String name, Level level) {
    Logger logger = Logger.getLogger(name);
    lowered.put(logger, logger.getLevel());
    logger.setLevel(level);
  }

  /** The records of the expected kinds, counted by kind in the order of {@link #EXPECTED}. */
  Map<String, Long> expectedByKind() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Kind kind : EXPECTED) {
      counts.put(
          kind.name(), collector.records().stream().filter(kind.matches()).count());
    }
    return counts;
  }

  /** The kinds with more records than the requests of {@code tally} may cause, by name. */
  List<String> overTheirLimit(SoakTally tally) {
    Map<String, Long> counts = expectedByKind();
    List<String> over = new ArrayList<>();
    for (Kind kind : EXPECTED) {
      long most = kind.most().applyAsLong(tally);
      if (counts.get(kind.name()) > most) {
        over.add(kind.name() + ": " + counts.get(kind.name()) + " records, " + most + " at most");
      }
    }
    return over;
  }

  /** The records of no expected kind, oldest first. */
  List<LogRecord> unexpected() {
    List<LogRecord> unexpected = new ArrayList<>();
    for (LogRecord record : collector.records()) {
      if (EXPECTED.stream().noneMatch(kind -> kind.matches().test(record))) {
        unexpected.add(record);
      }
    }
    return unexpected;
  }

  /** One line for {@code record}: level, logger, message and what it threw. */
  static String describe(LogRecord record) {
    Throwable thrown = record.getThrown();
    return record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
        + (thrown == null ? "" : " [" + thrown + "]");
  }

  /** Stops collecting and puts the levels back; the records stay readable. */
  void stop() {
    collector.close();
    lowered.forEach(Logger::setLevel);
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }
}
