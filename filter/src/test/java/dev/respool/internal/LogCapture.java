package dev.respool.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The records one {@code java.util.logging} logger publishes until {@link #close()}, at every
 * level; respool's {@code System.Logger}s write through it by default. The records go to the
 * capture only, not to the console.
 */
public final class LogCapture implements AutoCloseable {

  private final Logger logger;
  private final Level level;
  private final boolean parents;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogCapture(String name) {
    logger = Logger.getLogger(name);
    level = logger.getLevel();
    parents = logger.getUseParentHandlers();
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
    logger.setLevel(Level.ALL);
    logger.setUseParentHandlers(false);
  }

  /** Starts capturing the logger of this name. */
  public static LogCapture of(String name) {
    return new LogCapture(name);
  }

  /** The records so far. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** The records so far at {@code level}. */
  public List<LogRecord> at(Level level) {
    return records.stream().filter(r -> r.getLevel().equals(level)).toList();
  }

  /** The message of a record with its parameters filled in. */
  public static String message(LogRecord record) {
    return new SimpleFormatter().formatMessage(record);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
    logger.setLevel(level);
    logger.setUseParentHandlers(parents);
  }
}
