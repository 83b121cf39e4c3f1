package dev.respool.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the records that one {@code java.util.logging} logger publishes, for tests that assert on
 * respool's reports. {@code System.Logger} sends to {@code java.util.logging} unless the JVM routes
 * it elsewhere, so the records of {@code dev.respool.detect} arrive here.
 *
 * <pre>{@code
 * try (LogCollector reports = LogCollector.start("dev.respool.detect")) {
 *   ...
 *   assertThat(reports.records()).hasSize(1);
 * }
 * }</pre>
 */
public final class LogCollector extends Handler implements AutoCloseable {

  /** Held so that the handler stays on it: a logger that nothing references can be collected. */
  private final Logger logger;

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  private LogCollector(Logger logger) {
    this.logger = logger;
  }

  /**
   * Starts collecting what {@code loggerName} publishes, at whatever level it logs.
   *
   * @param loggerName for example {@code dev.respool.detect}
   */
  public static LogCollector start(String loggerName) {
    LogCollector collector = new LogCollector(Logger.getLogger(loggerName));
    collector.logger.addHandler(collector);
    return collector;
  }

  /** The records collected so far, oldest first: a live view, safe to read while logs arrive. */
  public List<LogRecord> records() {
    return records;
  }

  /** Keeps {@code record}. */
  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  /** Nothing to flush: records are kept in memory. */
  @Override
  public void flush() {}

  /** Stops collecting; the records collected stay readable. */
  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
