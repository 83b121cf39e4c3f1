package dev.respool.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's jar running in a JVM of its own, the way a user starts it: {@code java [options] -jar
 * respool-demo.jar [args]}. Closing it stops the process, forcibly if it does not stop in time.
 */
final class DemoProcess implements AutoCloseable {

  /** A JVM start, a WAR unpacked and its classes scanned: seconds, more on a busy machine. */
  private static final long READY_SECONDS = 90;

  private static final long STOP_SECONDS = 15;

  private static final Pattern URL = Pattern.compile(" listening on (http://\\S+/) ");

  private final Process process;
  private final String readyLine;

  private DemoProcess(Process process, String readyLine) {
    this.process = process;
    this.readyLine = readyLine;
  }

  /**
   * Starts {@code jar} and waits for the line that says it is ready.
   *
   * @param jar the demo's jar
   * @param log where the process's standard error goes: Jetty's and respool's logs
   * @param jvmOptions options before {@code -jar}, for example {@code -Drespool.mode=detect}
   * @param args the demo's arguments
   * @throws IllegalStateException if the process exits or stays silent instead, with its log
   */
  static DemoProcess start(Path jar, Path log, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();

    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    FutureTask<String> firstLine = new FutureTask<>(stdout::readLine);
    Thread reader = new Thread(firstLine, "demo-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      String line = firstLine.get(READY_SECONDS, TimeUnit.SECONDS);
      if (line == null) {
        throw new IllegalStateException("the demo exited with status " + process.waitFor()
            + " before it was ready: " + Files.readString(log));
      }
      return new DemoProcess(process, line);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      stop(process);
      throw new IllegalStateException(
          "the demo did not say it was ready: " + command + "\n" + Files.readString(log), e);
    }
  }

  /** The first line the demo printed. */
  String readyLine() {
    return readyLine;
  }

  /** The URL in the ready line, for example {@code http://127.0.0.1:40123/}. */
  URI root() {
    Matcher matcher = URL.matcher(readyLine);
    if (!matcher.find()) {
      throw new IllegalStateException("no URL in '" + readyLine + "'");
    }
    return URI.create(matcher.group(1));
  }

  @Override
  public void close() {
    stop(process);
  }

  /** As Ctrl-C would: the demo's shutdown hook stops Jetty, which deletes its unpacked WAR. */
  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      // No waiting then, but no process left behind either.
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
