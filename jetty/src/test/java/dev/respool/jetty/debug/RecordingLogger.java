package dev.respool.jetty.debug;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A logger that keeps what it is given, so that a test can read the reports. */
final class RecordingLogger implements System.Logger {

  /** One logged message. */
  record Entry(Level level, String message, Throwable thrown) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  List<Entry> entries() {
    return entries;
  }

  @Override
  public String getName() {
    return RetentionWatch.LOGGER;
  }

  @Override
  public boolean isLoggable(Level level) {
    return true;
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
    entries.add(new Entry(level, message, thrown));
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    entries.add(new Entry(level, MessageFormat.format(format, params), null));
  }
}
