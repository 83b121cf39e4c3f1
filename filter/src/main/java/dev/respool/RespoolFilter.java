package dev.respool;

import dev.respool.internal.GuardedRequest;
import dev.respool.internal.GuardedResponse;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Installs the guarded response in front of an application, so that response-body copies can use
 * pooled arrays safely. Register it for all requests, with async support, for the {@code REQUEST}
 * and {@code ASYNC} dispatcher types.
 *
 * <p>Settings, each from a system property or else an init-param:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>init-param</th><th>system property</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@value #MODE_PARAM}</td><td>{@value #MODE_PROPERTY}</td>
 *       <td>{@code copy}, {@code pool}, {@code detect}, {@code off}</td>
 *       <td>{@code copy}; {@code detect} when assertions are enabled for
 *       {@code dev.respool}</td></tr>
 *   <tr><td>{@value #DETECT_ACTION_PARAM}</td><td>{@value #DETECT_ACTION_PROPERTY}</td>
 *       <td>{@code log}, {@code throw}</td><td>{@code log}</td></tr>
 *   <tr><td>{@value #MAX_POOLED_BYTES_PARAM}</td><td>{@value #MAX_POOLED_BYTES_PROPERTY}</td>
 *       <td>0 to {@value #MAX_POOLED_BYTES_LIMIT} bytes</td><td>16 MiB</td></tr>
 * </table>
 *
 * <p>A system property wins over an init-param, so that one JVM flag can switch a deployed
 * application to {@code detect}. An invalid value fails {@link #init} with a message naming the
 * setting and its valid values.
 */
public class RespoolFilter implements Filter {

  /** The init-param that selects the {@link Mode}. */
  public static final String MODE_PARAM = "mode";

  /** The system property that selects the {@link Mode}, over the init-param. */
  public static final String MODE_PROPERTY = "respool.mode";

  /** The init-param that bounds the bytes the pool keeps. */
  public static final String MAX_POOLED_BYTES_PARAM = "max-pooled-bytes";

  /** The system property that bounds the bytes the pool keeps, over the init-param. */
  public static final String MAX_POOLED_BYTES_PROPERTY = "respool.maxPooledBytes";

  /** The init-param that selects the {@link DetectAction}. */
  public static final String DETECT_ACTION_PARAM = "detect-action";

  /** The system property that selects the {@link DetectAction}, over the init-param. */
  public static final String DETECT_ACTION_PROPERTY = "respool.detect.action";

  /** The largest accepted bound on pooled bytes: 4 GiB. */
  public static final long MAX_POOLED_BYTES_LIMIT = 4L * 1024 * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger("dev.respool");

  private volatile Respool respool;

  /** Creates a filter configured by its init-params and system properties. */
  public RespoolFilter() {}

  /** Creates a filter around a runtime built elsewhere; init-params are then ignored. */
  public RespoolFilter(Respool respool) {
    this.respool = respool;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    if (respool == null) {
      try {
        Mode mode = mode(config);
        long maxPooledBytes = maxPooledBytes(config);
        DetectAction action = detectAction(config);
        respool = new Respool(mode, new BufferPool(maxPooledBytes, mode == Mode.DETECT), action);
      } catch (IllegalArgumentException e) {
        throw new ServletException(e.getMessage());
      }
    }
    if (config.getServletContext().getAttribute(Respool.ATTRIBUTE) == null) {
      config.getServletContext().setAttribute(Respool.ATTRIBUTE, respool);
    }
    // The default mode needs no word; any other one is worth a line in the log.
    LOG.log(
        respool.mode() == Mode.COPY ? Level.DEBUG : Level.INFO,
        "respool filter ''{0}'' in mode {1}, keeping at most {2} bytes pooled",
        config.getFilterName(),
        respool.mode().id(),
        Long.toString(respool.pool().maxPooledBytes()));
  }

  /** The runtime of this filter: mode, pool and counters. */
  public Respool respool() {
    Respool current = respool;
    if (current == null) {
      throw new IllegalStateException("The respool filter was not initialized");
    }
    return current;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Respool runtime = respool();
    request.setAttribute(Respool.ATTRIBUTE, runtime);
    if (runtime.mode() == Mode.OFF
        || !(request instanceof HttpServletRequest httpRequest)
        || !(response instanceof HttpServletResponse httpResponse)
        || GuardedResponse.find(response) != null) {
      // Off, not HTTP, or guarded already by an earlier pass (an async or forward dispatch).
      chain.doFilter(request, response);
      return;
    }
    GuardedResponse guarded =
        new GuardedResponse(httpResponse, runtime.guard(), describe(httpRequest, runtime));
    try {
      chain.doFilter(new GuardedRequest(httpRequest, guarded), guarded);
    } finally {
      guarded.dispatchReturned(httpRequest);
    }
  }

  /** How leak reports name a request; only detect mode pays for building the name. */
  private static String describe(HttpServletRequest request, Respool runtime) {
    if (runtime.mode() != Mode.DETECT) {
      return "a request";
    }
    String query = request.getQueryString();
    return request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query);
  }

  /**
   * Abandons the leases of requests the container has not ended: a container that stops may never
   * report their end, and their arrays may still be in its hands.
   */
  @Override
  public void destroy() {
    Respool current = respool;
    if (current != null) {
      current.guard().abandonOpenRequests();
    }
  }

  private static Mode mode(FilterConfig config) {
    String property = System.getProperty(MODE_PROPERTY);
    if (property != null) {
      return Mode.parse(property, "system property '" + MODE_PROPERTY + "'");
    }
    String param = config.getInitParameter(MODE_PARAM);
    if (param != null) {
      return Mode.parse(param, "init-param '" + MODE_PARAM + "'");
    }
    return RespoolFilter.class.desiredAssertionStatus() ? Mode.DETECT : Mode.COPY;
  }

  private static DetectAction detectAction(FilterConfig config) {
    String property = System.getProperty(DETECT_ACTION_PROPERTY);
    if (property != null) {
      return DetectAction.parse(property, "system property '" + DETECT_ACTION_PROPERTY + "'");
    }
    String param = config.getInitParameter(DETECT_ACTION_PARAM);
    if (param != null) {
      return DetectAction.parse(param, "init-param '" + DETECT_ACTION_PARAM + "'");
    }
    return DetectAction.LOG;
  }

  private static long maxPooledBytes(FilterConfig config) {
    String property = System.getProperty(MAX_POOLED_BYTES_PROPERTY);
    if (property != null) {
      return parseMaxPooledBytes(property, "system property '" + MAX_POOLED_BYTES_PROPERTY + "'");
    }
    String param = config.getInitParameter(MAX_POOLED_BYTES_PARAM);
    if (param != null) {
      return parseMaxPooledBytes(param, "init-param '" + MAX_POOLED_BYTES_PARAM + "'");
    }
    return BufferPool.DEFAULT_MAX_POOLED_BYTES;
  }

  static long parseMaxPooledBytes(String value, String source) {
    long bytes;
    try {
      bytes = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      bytes = -1;
    }
    if (bytes < 0 || bytes > MAX_POOLED_BYTES_LIMIT) {
      throw new IllegalArgumentException("Invalid respool max-pooled-bytes '"
          + value
          + "' from "
          + source
          + "; expected a whole number of bytes from 0 to "
          + MAX_POOLED_BYTES_LIMIT
          + " (0 keeps no arrays between uses)");
    }
    return bytes;
  }
}
