package dev.respool.examples.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example's repackaged jar, started with {@code java -jar} in a process of its own, as a user
 * starts it. Its output is collected as it comes, so that a test can wait for a line and show
 * everything the process printed when something goes wrong.
 */
final class RunningJar implements AutoCloseable {

  /** The line Boot logs once Tomcat listens: {@code Tomcat started on port 41234 (http) ...}. */
  private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

  private final Process process;
  private final Thread reader;
  /** Guarded by itself; notified on every line and at the end of the output. */
  private final StringBuilder output = new StringBuilder();

  private boolean ended;

  private RunningJar(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "example-jar-output");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * Starts the jar named by the system property {@code example.jar} with {@code args}.
   *
   * @throws IllegalStateException if the property is unset or the jar is missing: the test must
   *     run after {@code package}
   */
  static RunningJar start(String... args) throws IOException {
    String jarProperty = System.getProperty("example.jar");
    if (jarProperty == null) {
      throw new IllegalStateException("system property example.jar is not set; run with failsafe");
    }
    Path jar = Path.of(jarProperty);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; run mvn package first");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    return new RunningJar(process);
  }

  /**
   * Waits for Tomcat's start line and returns the port it gives.
   *
   * @throws AssertionError with the process's output if the line does not come within {@code
   *     limit}, or the process ends first
   */
  int awaitPort(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    synchronized (output) {
      while (true) {
        Matcher matcher = STARTED.matcher(output);
        if (matcher.find()) {
          return Integer.parseInt(matcher.group(1));
        }
        long left = deadline - System.nanoTime();
        if (ended || left <= 0) {
          throw new AssertionError((ended ? "the jar ended" : "no start line within " + limit)
              + " without logging the port; its output:\n" + output);
        }
        TimeUnit.NANOSECONDS.timedWait(output, left);
      }
    }
  }

  /**
   * Waits for the process to end by itself and returns its exit code.
   *
   * @throws AssertionError with the process's output if it is still running after {@code limit}
   */
  int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the jar still runs after " + limit + "; its output:\n" + output());
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }

  /** Everything the process printed so far, standard output and error interleaved. */
  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /**
   * Stops the process: first as a user's Ctrl-C would, so that Spring Boot shuts down gracefully,
   * then forcibly if it has not ended within 30 s.
   */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
  }

  private void readOutput() {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (output) {
          output.append(line).append('\n');
          output.notifyAll();
        }
      }
    } catch (IOException e) {
      synchronized (output) {
        output.append("[output unreadable: ").append(e).append("]\n");
      }
    } finally {
      synchronized (output) {
        ended = true;
        output.notifyAll();
      }
    }
  }
}
