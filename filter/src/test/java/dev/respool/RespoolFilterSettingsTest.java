package dev.respool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.internal.FakeExchange;
import dev.respool.internal.LogCapture;
import jakarta.servlet.ServletException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How the filter reads its settings from init-params and system properties. */
class RespoolFilterSettingsTest {

  private final FakeExchange exchange = new FakeExchange();

  @AfterEach
  void clearProperties() {
    System.clearProperty(RespoolFilter.MODE_PROPERTY);
    System.clearProperty(RespoolFilter.MAX_POOLED_BYTES_PROPERTY);
    System.clearProperty(RespoolFilter.DETECT_ACTION_PROPERTY);
  }

  private Respool init(String... initParams) throws ServletException {
    RespoolFilter filter = new RespoolFilter();
    filter.init(exchange.filterConfig(initParams));
    return filter.respool();
  }

  @Test
  void initParamsChooseTheModeTheBoundAndTheDetectAction() throws ServletException {
    Respool respool = init("mode", " Pool ", "max-pooled-bytes", "65536", "detect-action", "throw");

    assertThat(respool.mode()).isEqualTo(Mode.POOL);
    assertThat(respool.pool().maxPooledBytes()).isEqualTo(65536);
    assertThat(respool.detectAction()).isEqualTo(DetectAction.THROW);
    assertThat(respool.pool().poisons()).isFalse();
  }

  @Test
  void withoutSettingsTheDefaultsApply() throws ServletException {
    Respool respool = init();

    // Surefire enables assertions, which makes detect the default; a plain JVM gets copy.
    Mode expected = RespoolFilter.class.desiredAssertionStatus() ? Mode.DETECT : Mode.COPY;
    assertThat(respool.mode()).isEqualTo(expected);
    assertThat(respool.pool().maxPooledBytes()).isEqualTo(BufferPool.DEFAULT_MAX_POOLED_BYTES);
    assertThat(respool.detectAction()).isEqualTo(DetectAction.LOG);
  }

  @Test
  void detectModePoisonsReleasedArrays() throws ServletException {
    assertThat(init("mode", "detect").pool().poisons()).isTrue();
  }

  @Test
  void systemPropertiesWinOverInitParams() throws ServletException {
    System.setProperty(RespoolFilter.MODE_PROPERTY, "off");
    System.setProperty(RespoolFilter.MAX_POOLED_BYTES_PROPERTY, "8192");
    System.setProperty(RespoolFilter.DETECT_ACTION_PROPERTY, "THROW");

    Respool respool = init("mode", "pool", "max-pooled-bytes", "65536", "detect-action", "log");

    assertThat(respool.mode()).isEqualTo(Mode.OFF);
    assertThat(respool.pool().maxPooledBytes()).isEqualTo(8192);
    assertThat(respool.detectAction()).isEqualTo(DetectAction.THROW);
  }

  @Test
  void anInvalidInitParamStopsTheFilterNamingTheSettingAndItsValidValues() {
    assertThatThrownBy(() -> init("max-pooled-bytes", "lots"))
        .isInstanceOf(ServletException.class)
        .hasMessage("Invalid respool max-pooled-bytes 'lots' from init-param 'max-pooled-bytes';"
            + " expected a whole number of bytes from 0 to 4294967296 (0 keeps no arrays between"
            + " uses)");
    assertThatThrownBy(() -> init("mode", "fast"))
        .hasMessage("Unknown respool mode 'fast' from init-param 'mode'; valid modes are copy,"
            + " pool, detect, off");
    assertThatThrownBy(() -> init("detect-action", "panic"))
        .hasMessageStartingWith(
            "Unknown respool detect action 'panic' from init-param" + " 'detect-action'");
  }

  @Test
  void anInvalidSystemPropertyIsNamedAsSuch() {
    System.setProperty(RespoolFilter.MODE_PROPERTY, "fast");
    assertThatThrownBy(this::init).hasMessageContaining("from system property 'respool.mode'");
    System.clearProperty(RespoolFilter.MODE_PROPERTY);

    System.setProperty(RespoolFilter.MAX_POOLED_BYTES_PROPERTY, "-5");
    assertThatThrownBy(this::init)
        .hasMessageContaining("from system property 'respool.maxPooledBytes'");
    System.clearProperty(RespoolFilter.MAX_POOLED_BYTES_PROPERTY);

    System.setProperty(RespoolFilter.DETECT_ACTION_PROPERTY, "panic");
    assertThatThrownBy(this::init)
        .hasMessageContaining("from system property 'respool.detect.action'");
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "' 42 ', 42", "4294967296, 4294967296"})
  void boundsFromNothingToFourGibibytesAreAccepted(String value, long bytes) {
    assertThat(RespoolFilter.parseMaxPooledBytes(value, "test")).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "4294967297", "16MB", "1e6", ""})
  void otherBoundsAreRefused(String value) {
    assertThatThrownBy(() -> RespoolFilter.parseMaxPooledBytes(value, "test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Invalid respool max-pooled-bytes '" + value + "' from test;");
  }

  @Test
  void theFirstFilterOfAContextIsTheOneItsRequestsFallBackTo() throws ServletException {
    Respool first = init();
    Respool second = init("mode", "pool");

    assertThat(second).isNotSameAs(first);
    assertThat(exchange.contextAttributes.get(Respool.ATTRIBUTE)).isSameAs(first);
    assertThat(Respool.of(exchange.request())).isSameAs(first);
  }

  @Test
  void aFilterAroundARuntimeBuiltElsewhereKeepsItAndIgnoresItsInitParams() throws ServletException {
    Respool runtime = new Respool(Mode.POOL, new BufferPool());
    RespoolFilter filter = new RespoolFilter(runtime);

    filter.init(exchange.filterConfig("mode", "detect"));

    assertThat(filter.respool()).isSameAs(runtime);
    assertThat(exchange.contextAttributes.get(Respool.ATTRIBUTE)).isSameAs(runtime);
  }

  @Test
  void aFilterThatWasNotInitializedSaysSo() {
    assertThatThrownBy(() -> new RespoolFilter().respool())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The respool filter was not initialized");
  }

  @Test
  void everyModeButCopyIsAnnouncedAtInfo() throws ServletException {
    try (LogCapture log = LogCapture.of("dev.respool")) {
      init("mode", "pool", "max-pooled-bytes", "1024");
      init("mode", "copy");

      assertThat(log.records()).hasSize(2);
      LogRecord pool = log.records().get(0);
      assertThat(pool.getLevel()).isEqualTo(Level.INFO);
      assertThat(LogCapture.message(pool))
          .isEqualTo("respool filter 'respool' in mode pool, keeping at most 1024 bytes pooled");
      assertThat(log.records().get(1).getLevel()).isEqualTo(Level.FINE);
    }
  }
}
