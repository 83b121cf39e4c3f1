package dev.respool.demo;

import dev.respool.Mode;
import java.nio.file.Path;

/**
 * The command line of {@link Main}, checked.
 *
 * @param host the address to listen on
 * @param port the port, 0 for any free one
 * @param mode the filter's mode, or null for the filter's default
 * @param war the WAR to serve instead of the demo's own servlets, or null; checked to be a
 *     readable WAR file or directory
 * @param help whether to print the usage and exit
 */
record Options(String host, int port, Mode mode, Path war, boolean help) {

  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;
  /** No mode: the filter picks its own default, copy, or detect when assertions are on. */
  static final Mode DEFAULT_MODE = null;

  /** The WAR that messages show as an example: the web.xml example, from the repository root. */
  static final String EXAMPLE_WAR = "examples/webapp/target/respool-example-webapp.war";

  static final String USAGE = """
      Usage: java -jar respool-demo.jar [--host HOST] [--port PORT] [--mode MODE]
             java -jar respool-demo.jar [--host HOST] [--port PORT] --war PATH

      Serves deterministic bodies through the respool filter, over HTTP/1.1 and h2c;
      with --war, serves a web application at / instead, on the same port.

        --host HOST   the address to listen on (default 127.0.0.1)
        --port PORT   the port, 0 for any free one (default 8080)
        --mode MODE   copy, pool, detect or off (default copy; detect when the JVM
                      runs with -ea:dev.respool...; -Drespool.mode=... overrides)
        --war PATH    a WAR file, or an unpacked WAR directory, to serve instead of
                      the endpoints below. The WAR registers the filter itself, in
                      WEB-INF/web.xml or with @WebFilter, so --mode does not apply;
                      java -Drespool.mode=MODE -jar ... still overrides its mode.
                      The examples' WARs serve the same endpoints as the demo.
        --help        print this and exit

      Endpoints (without --war):
        GET /bytes/{n}?seed={s}&io={blocking|async|naive}
                      n bytes from seed s, with their SHA-256 in Repr-Digest
        GET /stats    the filter's counters as JSON

      Jetty logs warnings only; -Dorg.eclipse.jetty.LEVEL=INFO shows more.
      """;

  /**
   * Reads {@code --name value} and {@code --name=value} options; a later option wins.
   *
   * @throws IllegalArgumentException with a one-line message naming the option and its valid
   *     values
   */
  static Options parse(String... args) {
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    Mode mode = DEFAULT_MODE;
    Path war = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Options(host, port, mode, war, true);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && isOption(name)) {
        value = args[++i];
      } else {
        value = null;
      }
      switch (name) {
        case "--host" -> host = host(required(name, value));
        case "--port" -> port = port(required(name, value));
        case "--mode" -> mode = Mode.parse(required(name, value), "--mode");
        case "--war" -> war = WarPath.check(required(name, value));
        default ->
          throw new IllegalArgumentException(
              (arg.startsWith("-") ? "unknown option '" : "unexpected argument '") + arg
                  + "'; valid options are --host, --port, --mode, --war and --help");
      }
    }
    if (war != null && mode != null) {
      // Silently ignoring --mode would leave a user believing the WAR runs in the mode asked for.
      throw new IllegalArgumentException("--mode and --war cannot be combined: the WAR's"
          + " registration of the filter sets its mode (java -Drespool.mode=" + mode.id()
          + " -jar ... overrides it)");
    }
    return new Options(host, port, mode, war, false);
  }

  private static boolean isOption(String name) {
    return name.equals("--host")
        || name.equals("--port")
        || name.equals("--mode")
        || name.equals("--war");
  }

  private static String required(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " needs a value, for example " + example(name));
    }
    return value;
  }

  private static String example(String name) {
    return switch (name) {
      case "--host" -> "--host 127.0.0.1";
      case "--port" -> "--port 8080";
      case "--war" -> "--war " + EXAMPLE_WAR;
      default -> "--mode copy";
    };
  }

  private static String host(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("--host needs an address, for example --host 127.0.0.1");
    }
    return value.strip();
  }

  private static int port(String value) {
    String reason = "--port must be a whole number from 0 to 65535, got '" + value + "'";
    if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(reason);
    }
    try {
      int port = Integer.parseInt(value);
      if (port > 65535) {
        throw new IllegalArgumentException(reason);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(reason);
    }
  }
}
