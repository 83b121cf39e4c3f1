package dev.respool.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one tab-separated line per measured response to a file, so that a script can put the
 * figures of several modules side by side. The file is {@code target/measurements.tsv} of the
 * module whose tests run, unless the system property {@value #PROPERTY} names another.
 *
 * <p>Columns: setup, mode, protocol, io, body bytes, bytes received, corrupted bytes, detections.
 */
public final class MeasurementLog {

  /** The system property that names the file. */
  public static final String PROPERTY = "respool.measurements";

  private MeasurementLog() {}

  /** Appends one line; safe to call from several test threads. */
  public static synchronized void record(
      String setup,
      String mode,
      String protocol,
      String io,
      long length,
      CorruptionCounter received,
      long detections) {
    Path file = Path.of(System.getProperty(PROPERTY, "target/measurements.tsv"));
    String line = String.join(
            "\t",
            setup,
            mode,
            protocol,
            io,
            Long.toString(length),
            Long.toString(received.received()),
            Long.toString(received.corrupted()),
            Long.toString(detections))
        + "\n";
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + file, e);
    }
  }
}
