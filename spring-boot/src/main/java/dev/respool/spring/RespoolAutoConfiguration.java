package dev.respool.spring;

import dev.respool.DetectAction;
import dev.respool.Mode;
import dev.respool.RespoolFilter;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Registers {@link RespoolFilter} in a servlet web application: for every URL by default, async
 * supported, for request, async and error dispatches, early in the filter chain. It backs off
 * when {@code respool.enabled} is false, or when the application registers a {@link
 * RespoolFilter} itself.
 *
 * <p>Settings come from {@link RespoolProperties}; an invalid value stops the application from
 * starting with a message that names the property and its valid values.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(RespoolFilter.class)
@ConditionalOnProperty(prefix = "respool", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RespoolProperties.class)
public class RespoolAutoConfiguration {

  /** The name of the registration, and of the filter in the servlet context. */
  public static final String FILTER_NAME = "respool";

  /** The filter, configured from {@code respool.*}. */
  @Bean
  // The plain condition rather than Boot 4's @ConditionalOnMissingFilterBean, which lives in
  // another package on Boot 3.5, where an annotation that is not found is silently ignored.
  @ConditionalOnMissingBean(
      value = RespoolFilter.class,
      parameterizedContainer = FilterRegistrationBean.class)
  public FilterRegistrationBean<RespoolFilter> respoolFilter(RespoolProperties properties) {
    FilterRegistrationBean<RespoolFilter> registration =
        new FilterRegistrationBean<>(new RespoolFilter());
    registration.setName(FILTER_NAME);
    registration.setAsyncSupported(true);
    registration.setDispatcherTypes(
        DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    registration.setOrder(properties.getOrder());
    if (properties.getUrlPatterns().isEmpty()) {
      throw invalid(
          "respool.url-patterns",
          "",
          "give at least one pattern, such as /*, or set" + " respool.enabled=false");
    }
    registration.setUrlPatterns(properties.getUrlPatterns());
    if (properties.getMode() != null) {
      try {
        Mode mode = Mode.parse(properties.getMode(), "property 'respool.mode'");
        registration.addInitParameter(RespoolFilter.MODE_PARAM, mode.id());
      } catch (IllegalArgumentException e) {
        throw invalid("respool.mode", properties.getMode(), e.getMessage());
      }
    }
    if (properties.getDetectAction() != null) {
      try {
        DetectAction action =
            DetectAction.parse(properties.getDetectAction(), "property 'respool.detect-action'");
        registration.addInitParameter(RespoolFilter.DETECT_ACTION_PARAM, action.id());
      } catch (IllegalArgumentException e) {
        throw invalid("respool.detect-action", properties.getDetectAction(), e.getMessage());
      }
    }
    DataSize size = properties.getMaxPooledBytes();
    long bytes = size == null ? -1 : size.toBytes();
    if (bytes < 0 || bytes > RespoolFilter.MAX_POOLED_BYTES_LIMIT) {
      throw invalid(
          "respool.max-pooled-bytes",
          size,
          "expected a size from 0 to 4GB ("
              + RespoolFilter.MAX_POOLED_BYTES_LIMIT
              + " bytes), such as 16MB; 0 pools nothing");
    }
    registration.addInitParameter(RespoolFilter.MAX_POOLED_BYTES_PARAM, Long.toString(bytes));
    return registration;
  }

  /** Boot reports this exception as a failed start, with the property, its value and the fix. */
  private static InvalidConfigurationPropertyValueException invalid(
      String name, Object value, String reason) {
    return new InvalidConfigurationPropertyValueException(name, value, reason);
  }

  /** Meters for the filter, when Micrometer is on the class path; see {@link RespoolMetrics}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterBinder.class)
  static class Metrics {

    /** Meters for the respool filter registered in this application, by the starter or not. */
    @Bean
    @ConditionalOnMissingBean
    RespoolMetrics respoolMetrics(ObjectProvider<FilterRegistrationBean<?>> registrations) {
      RespoolFilter filter = registrations
          .orderedStream()
          .map(FilterRegistrationBean::getFilter)
          .filter(RespoolFilter.class::isInstance)
          .map(RespoolFilter.class::cast)
          .findFirst()
          .orElse(null);
      return filter == null ? null : new RespoolMetrics(filter);
    }
  }
}
