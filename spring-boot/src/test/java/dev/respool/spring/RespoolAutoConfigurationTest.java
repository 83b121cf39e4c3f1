package dev.respool.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.RespoolFilter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class RespoolAutoConfigurationTest {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RespoolAutoConfiguration.class));

  @SuppressWarnings("unchecked")
  private static FilterRegistrationBean<RespoolFilter> registration(
      org.springframework.context.ApplicationContext context) {
    return context.getBean("respoolFilter", FilterRegistrationBean.class);
  }

  @Test
  void registersTheFilterForEveryRequestAsyncAndErrorDispatch() {
    runner.run(context -> {
      FilterRegistrationBean<RespoolFilter> registration = registration(context);
      assertThat(registration.getFilter()).isInstanceOf(RespoolFilter.class);
      assertThat(registration.isAsyncSupported()).isTrue();
      assertThat(registration.getUrlPatterns()).containsExactly("/*");
      assertThat(registration.determineDispatcherTypes())
          .containsExactlyInAnyOrder(
              DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
      assertThat(registration.getInitParameters())
          .containsEntry(RespoolFilter.MAX_POOLED_BYTES_PARAM, "16777216")
          .doesNotContainKey(RespoolFilter.MODE_PARAM);
    });
  }

  @Test
  void propertiesBecomeTheFiltersSettings() {
    runner
        .withPropertyValues(
            "respool.mode=DETECT",
            "respool.detect-action=throw",
            "respool.max-pooled-bytes=1048576",
            "respool.url-patterns=/files/*,/downloads/*",
            "respool.order=42")
        .run(context -> {
          FilterRegistrationBean<RespoolFilter> registration = registration(context);
          assertThat(registration.getInitParameters())
              .containsEntry(RespoolFilter.MODE_PARAM, "detect")
              .containsEntry(RespoolFilter.DETECT_ACTION_PARAM, "throw")
              .containsEntry(RespoolFilter.MAX_POOLED_BYTES_PARAM, "1048576");
          assertThat(registration.getUrlPatterns()).containsExactly("/files/*", "/downloads/*");
          assertThat(registration.getOrder()).isEqualTo(42);
        });
  }

  @Test
  void anUnknownModeStopsTheStartNamingTheProperty() {
    runner.withPropertyValues("respool.mode=fast").run(context -> {
      assertThat(context).hasFailed();
      // Boot's own failure analysis turns this one into its "APPLICATION FAILED TO START" report.
      assertThat(context.getStartupFailure())
          .rootCause()
          .isInstanceOf(InvalidConfigurationPropertyValueException.class)
          .hasMessageContaining("respool.mode")
          .hasMessageContaining("'fast'")
          .hasMessageContaining("copy, pool, detect, off");
    });
  }

  @Test
  void anUnknownDetectActionStopsTheStartNamingTheProperty() {
    runner.withPropertyValues("respool.detect-action=panic").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure())
          .rootCause()
          .hasMessageContaining("respool.detect-action");
    });
  }

  @Test
  void aBoundOutOfRangeStopsTheStartNamingTheProperty() {
    runner.withPropertyValues("respool.max-pooled-bytes=-1").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure())
          .rootCause()
          .hasMessageContaining("respool.max-pooled-bytes")
          .hasMessageContaining("4294967296");
    });
  }

  @ParameterizedTest
  @CsvSource({"64MB, 67108864", "512KB, 524288", "4GB, 4294967296", "0, 0", "1000, 1000"})
  void theBoundTakesSizesWithUnits(String value, String bytes) {
    runner.withPropertyValues("respool.max-pooled-bytes=" + value).run(context -> {
      assertThat(registration(context).getInitParameters())
          .containsEntry(RespoolFilter.MAX_POOLED_BYTES_PARAM, bytes);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"5GB", "4294967297"})
  void aBoundAboveTheLimitStopsTheStartNamingTheProperty(String value) {
    runner.withPropertyValues("respool.max-pooled-bytes=" + value).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure())
          .rootCause()
          .hasMessageContaining("respool.max-pooled-bytes")
          .hasMessageContaining("from 0 to 4GB");
    });
  }

  @Test
  void aBoundThatIsNoSizeStopsTheStartNamingTheProperty() {
    runner.withPropertyValues("respool.max-pooled-bytes=lots").run(context -> {
      assertThat(context).hasFailed();
      // Boot's binder names the property in the failure it reports as "APPLICATION FAILED TO
      // START".
      assertThat(context.getStartupFailure())
          .hasStackTraceContaining("Failed to bind properties under 'respool.max-pooled-bytes'");
    });
  }

  @Test
  void emptyUrlPatternsStopTheStartNamingTheProperty() {
    runner.withPropertyValues("respool.url-patterns=").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure())
          .rootCause()
          .hasMessageContaining("respool.url-patterns");
    });
  }

  @Test
  void backsOffWhenDisabled() {
    runner.withPropertyValues("respool.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean("respoolFilter");
    });
  }

  @Test
  void backsOffWhenTheApplicationRegistersTheFilterItself() {
    runner.withUserConfiguration(OwnRegistration.class).run(context -> {
      assertThat(context).doesNotHaveBean("respoolFilter");
      assertThat(context).hasSingleBean(FilterRegistrationBean.class);
    });
  }

  @Test
  void doesNothingOutsideAServletWebApplication() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RespoolAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean("respoolFilter"));
  }

  @Test
  void metersReadZeroUntilTheContainerStartsTheFilter() {
    runner.run(context -> {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      context.getBean(RespoolMetrics.class).bindTo(registry);

      assertThat(registry.get("respool.acquires").functionCounter().count()).isZero();
      assertThat(registry.get("respool.leases.out").gauge().value()).isZero();
      assertThat(registry.getMeters()).hasSize(12);
    });
  }

  @Test
  void metersFollowAFilterTheApplicationRegisteredItself() {
    runner.withUserConfiguration(OwnRegistration.class).run(context -> {
      assertThat(context).hasSingleBean(RespoolMetrics.class);
    });
  }

  @Test
  void noMetersWithoutMicrometer() {
    runner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context -> {
      assertThat(context).hasBean("respoolFilter");
      assertThat(context).doesNotHaveBean(RespoolMetrics.class);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRegistration {
    @Bean
    FilterRegistrationBean<RespoolFilter> mine() {
      return new FilterRegistrationBean<>(new RespoolFilter());
    }
  }
}
