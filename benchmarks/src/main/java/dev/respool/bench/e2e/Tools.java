package dev.respool.bench.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds the load tools on the {@code PATH} and runs them with a deadline. */
final class Tools {

  /** How to get the tools on Debian and Ubuntu. */
  static final String INSTALL_HINT = "apt-get install nghttp2-client wrk";

  private Tools() {}

  /** The executable named {@code name} in a directory of the {@code PATH}, if any. */
  static Optional<Path> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The executable named {@code name} on the {@code PATH}.
   *
   * @throws IllegalStateException saying how to install it, if it is missing
   */
  static Path require(String name) {
    return find(name)
        .orElseThrow(() -> new IllegalStateException(
            name + " is not on the PATH; install it" + " with: " + INSTALL_HINT));
  }

  /**
   * The first line the tool prints when asked for its version ({@code --version} for h2load,
   * {@code -v} for wrk, which then exits with status 1).
   */
  static String version(Path executable) throws IOException, InterruptedException {
    String flag = executable.getFileName().toString().equals("wrk") ? "-v" : "--version";
    Path output = Files.createTempFile("respool-e2e-version", ".txt");
    try {
      Process process = new ProcessBuilder(executable.toString(), flag)
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "unknown (no answer to " + flag + " within 10 s)";
      }
      return Files.readAllLines(output, StandardCharsets.ISO_8859_1).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty())
          .findFirst()
          .orElse("unknown");
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /**
   * Runs {@code command} with its standard output and error going to {@code output}, and waits for
   * it for at most {@code timeoutSeconds}. Nothing in this JVM reads the output while the tool
   * runs, so a measured window sees no allocation from the harness but that of starting the
   * process.
   *
   * @return what the tool printed
   * @throws IllegalStateException if the tool did not finish in time (it is then killed) or exited
   *     with a status other than 0
   */
  static String run(List<String> command, Path output, long timeoutSeconds)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
      }
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
    String printed = Files.readString(output, StandardCharsets.ISO_8859_1);
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with status "
          + process.exitValue() + "; it printed:\n" + printed.strip());
    }
    return printed;
  }
}
