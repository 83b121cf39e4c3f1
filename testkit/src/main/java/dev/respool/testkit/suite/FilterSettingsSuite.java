package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.Mode;
import dev.respool.RespoolFilter;
import dev.respool.RespoolStats;
import dev.respool.testkit.ConnectorSettings;
import dev.respool.testkit.LogCollector;
import dev.respool.testkit.ServerUnderTest;
import dev.respool.testkit.ServletContainer;
import dev.respool.testkit.WebApp;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A filter setting outside its range stops the application at start, on a real container, with a
 * message that names the setting, where it came from and what it accepts; the values at the edges
 * of each range start. Each test starts a server of its own.
 *
 * <p>System properties are set for one start and put back after it: the suite's class must not
 * share its JVM with another class running at once.
 */
public abstract class FilterSettingsSuite extends ContainerSuite {

  /** A setting of the filter. */
  enum Setting {
    MODE(
        RespoolFilter.MODE_PARAM,
        RespoolFilter.MODE_PROPERTY,
        "valid modes are copy, pool, detect, off"),
    DETECT_ACTION(
        RespoolFilter.DETECT_ACTION_PARAM,
        RespoolFilter.DETECT_ACTION_PROPERTY,
        "valid actions are log, throw"),
    MAX_POOLED_BYTES(
        RespoolFilter.MAX_POOLED_BYTES_PARAM,
        RespoolFilter.MAX_POOLED_BYTES_PROPERTY,
        "expected a whole number of bytes from 0 to " + RespoolFilter.MAX_POOLED_BYTES_LIMIT);

    final String param;
    final String property;
    /** What the message says the setting accepts. */
    final String accepted;

    Setting(String param, String property, String accepted) {
      this.param = param;
      this.property = property;
      this.accepted = accepted;
    }
  }

  /** Where a setting comes from. */
  enum Source {
    INIT_PARAM,
    SYSTEM_PROPERTY;

    /** How the filter's messages name {@code setting} from this source. */
    String describe(Setting setting) {
      return this == INIT_PARAM
          ? "init-param '" + setting.param + "'"
          : "system property '" + setting.property + "'";
    }
  }

  /** A name no mode or action has, a thousand characters long. */
  private static final String LONG_NAME = "copy".repeat(250);

  /**
   * Runs the suite on {@code container}.
   *
   * @param container the container that starts the servers, one per test
   */
  protected FilterSettingsSuite(ServletContainer container) {
    super(container);
  }

  /** None: each test starts its own. */
  @Override
  protected void startServers() {}

  /** Each bad value of each setting, from an init-param and from a system property. */
  protected static Stream<Arguments> refused() {
    List<Arguments> cases = new ArrayList<>();
    for (Source source : Source.values()) {
      for (String value : List.of("", "  ", "fast", "copy,detect", "-1", "0", LONG_NAME)) {
        cases.add(Arguments.of(Setting.MODE, source, value));
      }
      for (String value : List.of("", "  ", "panic", "warn", "log throw", "1", LONG_NAME)) {
        cases.add(Arguments.of(Setting.DETECT_ACTION, source, value));
      }
      for (String value : List.of(
          "",
          "  ",
          "-1",
          "-4294967296",
          "4294967297",
          Long.toString(Long.MAX_VALUE),
          Long.toString(Long.MIN_VALUE),
          "99999999999999999999",
          "16MB",
          "1e6",
          "0x10",
          "1.5",
          "sixteen")) {
        cases.add(Arguments.of(Setting.MAX_POOLED_BYTES, source, value));
      }
    }
    return cases.stream();
  }

  /** The values at the edges of each range, from an init-param and from a system property. */
  protected static Stream<Arguments> accepted() {
    List<Arguments> cases = new ArrayList<>();
    for (Source source : Source.values()) {
      cases.add(Arguments.of(Setting.MODE, source, " Detect ", "detect"));
      cases.add(Arguments.of(Setting.MODE, source, "OFF", "off"));
      cases.add(Arguments.of(Setting.DETECT_ACTION, source, "THROW", null));
      cases.add(Arguments.of(Setting.MAX_POOLED_BYTES, source, "0", "0"));
      cases.add(Arguments.of(Setting.MAX_POOLED_BYTES, source, " 1048576 ", "1048576"));
      String limit = Long.toString(RespoolFilter.MAX_POOLED_BYTES_LIMIT);
      cases.add(Arguments.of(Setting.MAX_POOLED_BYTES, source, limit, limit));
    }
    return cases.stream();
  }

  /**
   * A value outside the setting's range stops the start; the container reports the filter's
   * failure, and the message names the setting, its source, the value and what is accepted.
   */
  @ParameterizedTest(name = "{0} from {1}: \"{2}\"")
  @MethodSource("refused")
  public void aValueOutOfRangeStopsTheStartAndNamesTheSetting(
      Setting setting, Source source, String value) throws Exception {
    List<String> messages = new ArrayList<>();

    boolean started = startWith(setting, source, value, messages, null);

    assertThat(started).as("the server started with %s = '%s'", setting, value).isFalse();
    String expected = "'" + value + "' from " + source.describe(setting) + "; ";
    assertThat(messages)
        .as("what the container reported when the filter failed to start")
        .anySatisfy(message -> assertThat(message)
            .contains(expected)
            .contains(setting.accepted)
            .satisfiesAnyOf(
                m -> assertThat(m).startsWith("Unknown respool mode '"),
                m -> assertThat(m).startsWith("Unknown respool detect action '"),
                m -> assertThat(m).startsWith("Invalid respool max-pooled-bytes '")));
  }

  /** A value at an edge of the setting's range starts, and the counters show it. */
  @ParameterizedTest(name = "{0} from {1}: \"{2}\"")
  @MethodSource("accepted")
  public void aValueAtTheEdgeOfTheRangeStarts(
      Setting setting, Source source, String value, String shown) throws Exception {
    List<String> messages = new ArrayList<>();
    List<RespoolStats> stats = new ArrayList<>();

    boolean started = startWith(setting, source, value, messages, stats);

    assertThat(started).as("started; the container reported %s", messages).isTrue();
    if (setting == Setting.MODE) {
      assertThat(stats.get(0).mode()).isEqualTo(shown);
    } else if (setting == Setting.MAX_POOLED_BYTES) {
      assertThat(stats.get(0).maxPooledBytes()).isEqualTo(Long.parseLong(shown));
    }
  }

  /**
   * Starts the demo application with {@code setting} set to {@code value} from {@code source},
   * and stops it again if it started. Collects the messages of every failure the start threw or
   * logged, and the counters of a server that started.
   *
   * @return whether the server started
   */
  private boolean startWith(
      Setting setting, Source source, String value, List<String> messages, List<RespoolStats> stats)
      throws Exception {
    WebApp app = WebApp.demo(Mode.COPY);
    String previous = System.getProperty(setting.property);
    if (source == Source.INIT_PARAM) {
      app = app.withFilterParam(setting.param, value);
      System.clearProperty(setting.property);
    } else {
      System.setProperty(setting.property, value);
    }
    // The container's own loggers, kept off the console: every test here makes them report.
    List<Logger> loggers =
        container().loggerNames().stream().map(Logger::getLogger).toList();
    List<LogCollector> logs = new ArrayList<>();
    for (Logger logger : loggers) {
      logs.add(LogCollector.start(logger.getName()));
      logger.setUseParentHandlers(false);
    }
    try {
      ServerUnderTest server = container().start(List.of(app), ConnectorSettings.DEFAULTS);
      try {
        if (stats != null) {
          stats.add(server.stats());
        }
      } finally {
        server.stop();
      }
      return true;
    } catch (Exception failure) {
      // Some containers throw the filter's failure, others log it and throw their own.
      addMessages(failure, messages);
      return false;
    } finally {
      for (int i = 0; i < loggers.size(); i++) {
        loggers.get(i).setUseParentHandlers(true);
        logs.get(i).close();
        for (LogRecord record : logs.get(i).records()) {
          addMessages(record.getThrown(), messages);
        }
      }
      if (previous == null) {
        System.clearProperty(setting.property);
      } else {
        System.setProperty(setting.property, previous);
      }
    }
  }

  /** The messages of {@code failure}, its causes and what it suppressed; none for null. */
  private static void addMessages(Throwable failure, List<String> messages) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
      for (Throwable suppressed : t.getSuppressed()) {
        addMessages(suppressed, messages);
      }
    }
  }
}
