package dev.respool.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.RespoolFilter;
import dev.respool.spring.RespoolAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter's properties and conditions behave on Spring Boot 3.5 as they do on Boot 4. */
class Boot3ConfigurationTest {

  private final WebApplicationContextRunner boot3 = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RespoolAutoConfiguration.class));

  @Test
  void propertiesWithSizesAndUnitsBecomeInitParameters() {
    boot3
        .withPropertyValues(
            "respool.mode=detect", "respool.max-pooled-bytes=64MB", "respool.order=7")
        .run(context -> {
          FilterRegistrationBean<?> registration =
              context.getBean("respoolFilter", FilterRegistrationBean.class);
          assertThat(registration.getInitParameters())
              .containsEntry(RespoolFilter.MODE_PARAM, "detect")
              .containsEntry(RespoolFilter.MAX_POOLED_BYTES_PARAM, "67108864");
          assertThat(registration.getOrder()).isEqualTo(7);
        });
  }

  @Test
  void anInvalidModeStopsTheStartNamingTheProperty() {
    boot3.withPropertyValues("respool.mode=turbo").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure())
          .rootCause()
          .isInstanceOf(InvalidConfigurationPropertyValueException.class)
          .hasMessageContaining("respool.mode")
          .hasMessageContaining("copy, pool, detect, off");
    });
  }

  @Test
  void backsOffForTheApplicationsOwnRegistrationAndWhenDisabled() {
    boot3.withUserConfiguration(OwnRegistration.class).run(context -> {
      assertThat(context).doesNotHaveBean("respoolFilter");
      assertThat(context).hasSingleBean(FilterRegistrationBean.class);
    });
    boot3.withPropertyValues("respool.enabled=false").run(context -> {
      assertThat(context).doesNotHaveBean("respoolFilter");
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRegistration {
    @Bean
    FilterRegistrationBean<RespoolFilter> own() {
      return new FilterRegistrationBean<>(new RespoolFilter());
    }
  }
}
