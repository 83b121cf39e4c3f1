package dev.respool.testkit;

import dev.respool.Mode;
import dev.respool.RespoolFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One web application for a {@link ServletContainer} to deploy: a context path, the respool
 * filter in one mode or no filter at all, and servlets by URL pattern.
 *
 * @param contextPath {@code ""} for the root application, else {@code /} and a name
 * @param mode the filter's mode, or null for an application without the filter
 * @param servlets the servlets by URL pattern, for example {@code /bytes/*}, in the order to
 *     register them
 * @param filterParams init-params of the filter besides {@code mode}, by name; one named {@code
 *     mode} replaces the mode's, so that a test can give the filter a value no {@link Mode} has
 */
public record WebApp(
    String contextPath,
    Mode mode,
    Map<String, HttpServlet> servlets,
    Map<String, String> filterParams) {

  /**
   * Checks the context path and keeps unmodifiable copies of the servlets and the init-params in
   * their order.
   *
   * @throws IllegalArgumentException if the context path is neither empty nor {@code /name}, or
   *     init-params are given for an application without the filter
   */
  public WebApp {
    Objects.requireNonNull(contextPath, "contextPath");
    if (!contextPath.isEmpty() && (!contextPath.startsWith("/") || contextPath.endsWith("/"))) {
      throw new IllegalArgumentException(
          "context path '" + contextPath + "' must be empty or start but not end with '/'");
    }
    Objects.requireNonNull(filterParams, "filterParams");
    if (mode == null && !filterParams.isEmpty()) {
      throw new IllegalArgumentException("init-params " + filterParams.keySet()
          + " given for application '" + contextPath + "', which has no filter");
    }
    servlets = Collections.unmodifiableMap(new LinkedHashMap<>(servlets));
    filterParams = Collections.unmodifiableMap(new LinkedHashMap<>(filterParams));
  }

  /** An application whose filter, if any, has no init-param but {@code mode}. */
  public WebApp(String contextPath, Mode mode, Map<String, HttpServlet> servlets) {
    this(contextPath, mode, servlets, Map.of());
  }

  /**
   * This application with the filter's init-param {@code name} set to {@code value}, over any
   * value it had.
   *
   * @throws IllegalArgumentException if the application has no filter
   */
  public WebApp withFilterParam(String name, String value) {
    Map<String, String> params = new LinkedHashMap<>(filterParams);
    params.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new WebApp(contextPath, mode, servlets, params);
  }

  /**
   * This application with {@code servlet} added at {@code pattern}, after the servlets it has.
   */
  public WebApp withServlet(String pattern, HttpServlet servlet) {
    Map<String, HttpServlet> all = new LinkedHashMap<>(servlets);
    all.put(Objects.requireNonNull(pattern, "pattern"), Objects.requireNonNull(servlet, "servlet"));
    return new WebApp(contextPath, mode, all, filterParams);
  }

  /**
   * Every init-param the filter gets, in order: {@code mode} first, then {@link #filterParams},
   * which may replace it. Empty for an application without the filter.
   */
  public Map<String, String> filterInitParams() {
    if (!filtered()) {
      return Map.of();
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put(RespoolFilter.MODE_PARAM, mode.id());
    params.putAll(filterParams);
    return Collections.unmodifiableMap(params);
  }

  /**
   * The application of the demo server, at the root: the filter in {@code mode}, {@link
   * BytesServlet} at {@code /bytes/*} and {@link StatsServlet} at {@code /stats}.
   */
  public static WebApp demo(Mode mode) {
    Map<String, HttpServlet> servlets = new LinkedHashMap<>();
    servlets.put("/bytes/*", new BytesServlet());
    servlets.put("/stats", new StatsServlet());
    return new WebApp("", Objects.requireNonNull(mode, "mode"), servlets);
  }

  /** Whether the application runs behind the respool filter. */
  public boolean filtered() {
    return mode != null;
  }

  /**
   * Registers this application's filter and servlets in {@code context} as {@link
   * ServletContainer} describes it, through the Servlet API alone, so that any container can
   * deploy it from a {@code ServletContainerInitializer}: the filter as {@code respool} and the
   * servlets as {@code servlet-0}, {@code servlet-1} and so on, in their order.
   *
   * @param context the context of this application, while it starts
   */
  public void register(ServletContext context) {
    if (filtered()) {
      FilterRegistration.Dynamic filter = context.addFilter("respool", RespoolFilter.class);
      filter.setAsyncSupported(true);
      filter.setInitParameters(filterInitParams());
      filter.addMappingForUrlPatterns(
          EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC), false, "/*");
    }
    int index = 0;
    for (Map.Entry<String, HttpServlet> servlet : servlets.entrySet()) {
      ServletRegistration.Dynamic registration =
          context.addServlet("servlet-" + index++, servlet.getValue());
      registration.setAsyncSupported(true);
      registration.addMapping(servlet.getKey());
    }
  }

  /**
   * The root of this application on a server, ending in {@code /}.
   *
   * @param server the server's root, ending in {@code /}
   */
  public URI root(URI server) {
    return contextPath.isEmpty() ? server : server.resolve(contextPath.substring(1) + "/");
  }
}
