package dev.respool.bench.e2e;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The command line of {@link LoadHarness}, checked.
 *
 * @param durationSeconds the measured seconds of each cell
 * @param warmupSeconds the seconds of load before each measured window, and for each cell in the
 *     pass before the first round; 0 for none
 * @param rounds how many times every cell is measured
 * @param sizes the body sizes in bytes
 * @param containers the containers, in the order of the report
 * @param variants the variants, in the order of the report
 * @param protocols the protocols, in the order of the report
 * @param connections the connections of each load tool
 * @param streams the concurrent streams per h2c connection
 * @param seed the seed of the order of the cells in each round
 * @param out the JSON file to write, or null for none
 * @param help whether to print the usage and exit
 */
record Options(
    int durationSeconds,
    int warmupSeconds,
    int rounds,
    List<Integer> sizes,
    List<Container> containers,
    List<Variant> variants,
    List<Protocol> protocols,
    int connections,
    int streams,
    long seed,
    Path out,
    boolean help) {

  /** The largest body size: the bodies are held in memory. */
  static final int MAX_SIZE = 64 * 1024 * 1024;

  static final String USAGE = """
      Usage: java -Xms1g -Xmx1g -XX:+AlwaysPreTouch \\
               -cp benchmarks/target/benchmarks.jar dev.respool.bench.e2e.LoadHarness [options]

      Serves fixed bodies from embedded Jetty and Tomcat (HTTP/1.1 and h2c on one port each) in
      several variants, loads each with wrk (h1) and h2load (h2c), and reports requests/s, p99
      latency and the bytes the server JVM allocated per request, as medians over rounds.

        --duration S      measured seconds per cell (default 5)
        --warmup S        seconds of load before each measured window, and of each cell in
                          one pass before the first round; 0 for none (default 2)
        --rounds N        rounds; each measures every cell once, in a seeded shuffled order
                          (default 3)
        --sizes LIST      body sizes in bytes, 1 to 67108864 (default 1024,1048576)
        --containers LIST any of jetty,tomcat (default jetty,tomcat)
        --variants LIST   any of nofilter,off,pool,copy,detect (default all)
        --protocols LIST  any of h1,h2c (default h1,h2c)
        --connections N   connections of wrk and of h2load (default 16)
        --streams N       concurrent streams per h2c connection, h2load -m (default 8)
        --seed N          seed of the order of the cells (default 1)
        --out FILE        the JSON report (default respool-e2e.json); --out none writes none
        --help            print this and exit

      Both tools run with one thread. wrk and h2load come with:
      """ + Tools.INSTALL_HINT + "\n";

  private static final List<String> NAMES = List.of(
      "--duration",
      "--warmup",
      "--rounds",
      "--sizes",
      "--containers",
      "--variants",
      "--protocols",
      "--connections",
      "--streams",
      "--seed",
      "--out");

  /** The defaults. */
  static Options defaults() {
    return new Options(
        5,
        2,
        3,
        List.of(1024, 1024 * 1024),
        List.of(Container.values()),
        List.of(Variant.values()),
        List.of(Protocol.values()),
        16,
        8,
        1,
        Path.of("respool-e2e.json"),
        false);
  }

  /**
   * Reads {@code --name value} and {@code --name=value} options; a later option wins.
   *
   * @throws IllegalArgumentException with a one-line message naming the option and its valid
   *     values
   */
  static Options parse(String... args) {
    Options o = defaults();
    int duration = o.durationSeconds;
    int warmup = o.warmupSeconds;
    int rounds = o.rounds;
    List<Integer> sizes = o.sizes;
    List<Container> containers = o.containers;
    List<Variant> variants = o.variants;
    List<Protocol> protocols = o.protocols;
    int connections = o.connections;
    int streams = o.streams;
    long seed = o.seed;
    Path out = o.out;
    boolean help = false;
    for (int i = 0; i < args.length && !help; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        help = true;
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            (arg.startsWith("-") ? "unknown option '" : "unexpected argument '") + arg
                + "'; valid options are " + String.join(", ", NAMES) + " and --help");
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException(
            name + " needs a value, for example " + name + " " + example(name));
      }
      switch (name) {
        case "--duration" -> duration = (int) number(name, value, 1, 3600);
        case "--warmup" -> warmup = (int) number(name, value, 0, 3600);
        case "--rounds" -> rounds = (int) number(name, value, 1, 1000);
        case "--sizes" ->
          sizes = list(name, value, (item, option) -> (int) number(option, item, 1, MAX_SIZE));
        case "--containers" -> containers = list(name, value, Container::parse);
        case "--variants" -> variants = list(name, value, Variant::parse);
        case "--protocols" -> protocols = list(name, value, Protocol::parse);
        case "--connections" -> connections = (int) number(name, value, 1, 10_000);
        case "--streams" -> streams = (int) number(name, value, 1, 1_000);
        case "--seed" -> seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
        case "--out" -> out = out(value);
        default -> throw new AssertionError(name);
      }
    }
    return new Options(
        duration,
        warmup,
        rounds,
        sizes,
        containers,
        variants,
        protocols,
        connections,
        streams,
        seed,
        out,
        help);
  }

  private static String example(String name) {
    return switch (name) {
      case "--duration" -> "5";
      case "--warmup" -> "2";
      case "--rounds" -> "3";
      case "--sizes" -> "1024,1048576";
      case "--containers" -> "jetty,tomcat";
      case "--variants" -> "nofilter,copy";
      case "--protocols" -> "h1,h2c";
      case "--connections" -> "16";
      case "--streams" -> "8";
      case "--seed" -> "1";
      default -> "respool-e2e.json";
    };
  }

  private static long number(String name, String value, long min, long max) {
    String reason =
        name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'";
    try {
      long number = Long.parseLong(value.strip());
      if (number < min || number > max) {
        throw new IllegalArgumentException(reason);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(reason);
    }
  }

  private static <T> List<T> list(String name, String value, BiFunction<String, String, T> parser) {
    Set<T> items = new LinkedHashSet<>();
    for (String item : value.split(",", -1)) {
      if (item.isBlank()) {
        throw new IllegalArgumentException(
            name + " needs a comma-separated list without empty items, got '" + value + "'");
      }
      items.add(parser.apply(item, name));
    }
    return List.copyOf(items);
  }

  private static Path out(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("--out needs a file name, or none for no file");
    }
    return value.equals("none") ? null : Path.of(value);
  }
}
