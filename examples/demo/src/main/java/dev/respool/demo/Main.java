package dev.respool.demo;

import java.io.PrintStream;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;

/**
 * Runs {@link DemoServer} from the command line until the process is stopped:
 *
 * <pre>
 * java -jar examples/demo/target/respool-demo.jar [--host H] [--port P] [--mode M]
 * java -jar examples/demo/target/respool-demo.jar [--host H] [--port P] --war PATH
 * </pre>
 *
 * <p>When the server is ready it prints one line with its URL. Exit status 2 means a bad command
 * line, including a {@code --war} path that is not a readable WAR, and 1 a server that could not
 * start; both come with a one-line message and no stack trace of the demo's own (Jetty logs why a
 * WAR failed to start, with its stack trace, before that line).
 */
public final class Main {

  /** The exit status of a bad command line. */
  static final int USAGE_ERROR = 2;

  /** The exit status of a server that could not start. */
  static final int START_FAILED = 1;

  private Main() {}

  /** Starts the server and blocks until the process is stopped; see {@link Options#USAGE}. */
  public static void main(String[] args) throws InterruptedException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Parses {@code args}, starts the server, prints its URL and waits for it to stop.
   *
   * @return the exit status: 0 after {@code --help} or once the server has stopped, {@link
   *     #USAGE_ERROR} or {@link #START_FAILED} at once
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("respool demo: " + e.getMessage() + " (see --help)");
      return USAGE_ERROR;
    }
    if (options.help()) {
      out.print(Options.USAGE);
      return 0;
    }

    DemoServer server;
    try {
      server = options.war() == null
          ? DemoServer.start(options.host(), options.port(), options.mode())
          : DemoServer.deploy(options.host(), options.port(), options.war());
    } catch (Exception e) {
      err.println("respool demo: " + startFailure(e, options));
      return START_FAILED;
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stopQuietly(server), "respool-demo-stop"));

    out.println(readyLine(server, options));
    out.flush();
    server.join();
    return 0;
  }

  /**
   * The line that says the server is ready. Scripts read the URL after {@code listening on}, so
   * both forms keep it there.
   */
  static String readyLine(DemoServer server, Options options) {
    String served = options.war() == null
        ? "(mode " + server.respool().mode().id() + ")"
        : "serving " + displayName(options.war());
    return "respool demo " + served + " listening on " + server.uri() + " (HTTP/1.1 and h2c)";
  }

  /** The WAR's file name, for example {@code respool-example-webapp.war}. */
  static String displayName(Path war) {
    Path name = war.toAbsolutePath().normalize().getFileName();
    return name == null ? war.toString() : name.toString();
  }

  /** One line saying why the server did not start; the port in use gets its own wording. */
  static String startFailure(Throwable failure, Options options) {
    String address = options.host() + ":" + options.port();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException bind) {
        String reason = String.valueOf(bind.getMessage());
        return reason.contains("in use")
            ? "port " + options.port() + " on " + options.host() + " is in use (" + reason + ")"
            : "cannot listen on " + address + " (" + reason + ")";
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException) {
        return "cannot listen on " + address + ": the host is not a known name or address";
      }
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String type = root.getClass().getSimpleName();
    String message =
        root.getMessage() == null ? null : root.getMessage().lines().findFirst().orElse("");
    if (options.war() != null) {
      // A class missing from the WAR has only its name as the message: say what happened to it.
      return "cannot deploy " + options.war() + " on " + address + ": " + type
          + (message == null ? "" : ": " + message);
    }
    return "cannot start on " + address + ": " + (message == null ? type : message);
  }

  private static void stopQuietly(DemoServer server) {
    try {
      server.stop();
    } catch (Exception e) {
      // The process is exiting; there is nobody left to tell.
    }
  }
}
