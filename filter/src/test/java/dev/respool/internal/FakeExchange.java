package dev.respool.internal;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A request and its response as a container hands them to a filter, in memory. Attributes, the
 * asynchronous cycle, the request line and the response's stream, commit state and errors work
 * as in a container; any other method throws {@link UnsupportedOperationException}, so a test
 * sees at once what else the code under test needs.
 */
public final class FakeExchange {

  /** The container's response stream. */
  public final RetainingOutputStream stream = new RetainingOutputStream();

  /** The servlet context's attributes. */
  public final Map<String, Object> contextAttributes = new HashMap<>();

  /** Whether the servlet and every filter before it support asynchronous processing. */
  public boolean asyncSupported = true;

  /** Whether the response is committed. */
  public boolean committed;

  /** How many times the response was reset. */
  public int resets;

  /** The status of the last {@code sendError}, or 0. */
  public int errorStatus;

  /** What {@code getOutputStream()} throws instead of returning the stream, or null. */
  public Exception streamFailure;

  private final Map<String, Object> requestAttributes = new HashMap<>();
  private final String method;
  private final String uri;
  private final String query;
  private final ServletContext context = proxy(ServletContext.class, this::context);
  private final HttpServletRequest request = proxy(HttpServletRequest.class, this::request);
  private final HttpServletResponse response = proxy(HttpServletResponse.class, this::response);
  private RecordingAsyncContext async;

  /** A GET of {@code /}. */
  public FakeExchange() {
    this("GET", "/", null);
  }

  /** A request with this method, URI and query string (null for none). */
  public FakeExchange(String method, String uri, String query) {
    this.method = method;
    this.uri = uri;
    this.query = query;
  }

  /** The container's request. */
  public HttpServletRequest request() {
    return request;
  }

  /** The container's response. */
  public HttpServletResponse response() {
    return response;
  }

  /** The context both belong to. */
  public ServletContext servletContext() {
    return context;
  }

  /** The asynchronous cycle, once started; else null. */
  public RecordingAsyncContext async() {
    return async;
  }

  /** A filter configuration in this exchange's context, from name and value pairs. */
  public FilterConfig filterConfig(String... initParams) {
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < initParams.length; i += 2) {
      params.put(initParams[i], initParams[i + 1]);
    }
    return proxy(FilterConfig.class, (name, args) -> switch (name) {
      case "getFilterName" -> "respool";
      case "getServletContext" -> context;
      case "getInitParameter" -> params.get((String) args[0]);
      default -> unsupported(name);
    });
  }

  private Object context(String name, Object[] args) {
    return switch (name) {
      case "getAttribute" -> contextAttributes.get((String) args[0]);
      case "setAttribute" -> contextAttributes.put((String) args[0], args[1]);
      default -> unsupported(name);
    };
  }

  private Object request(String name, Object[] args) {
    return switch (name) {
      case "getAttribute" -> requestAttributes.get((String) args[0]);
      case "setAttribute" -> requestAttributes.put((String) args[0], args[1]);
      case "getServletContext" -> context;
      case "getMethod" -> method;
      case "getRequestURI" -> uri;
      case "getQueryString" -> query;
      case "isAsyncSupported" -> asyncSupported;
      case "isAsyncStarted" -> async != null;
      case "getAsyncContext" -> {
        if (async == null) {
          throw new IllegalStateException("no asynchronous cycle");
        }
        yield async;
      }
      case "startAsync" -> {
        if (!asyncSupported) {
          throw new IllegalStateException("not async-supported");
        }
        async = args == null
            ? new RecordingAsyncContext(request, response)
            : new RecordingAsyncContext((ServletRequest) args[0], (ServletResponse) args[1]);
        async.original = args == null || (args[0] == request && args[1] == response);
        yield async;
      }
      default -> unsupported(name);
    };
  }

  private Object response(String name, Object[] args) throws Exception {
    return switch (name) {
      case "getOutputStream" -> {
        if (streamFailure != null) {
          throw streamFailure;
        }
        yield stream;
      }
      case "isCommitted" -> committed;
      case "reset" -> {
        resets++;
        yield null;
      }
      case "sendError" -> {
        errorStatus = (Integer) args[0];
        committed = true;
        yield null;
      }
      default -> unsupported(name);
    };
  }

  private static Object unsupported(String name) {
    throw new UnsupportedOperationException(name);
  }

  /** What a fake does for one method, by name. */
  private interface Handler {
    Object handle(String name, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Handler handler) {
    InvocationHandler invocation =
        (Object proxy, Method method, Object[] args) -> switch (method.getName()) {
          case "toString" -> "fake " + type.getSimpleName();
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> handler.handle(method.getName(), args);
        };
    return type.cast(Proxy.newProxyInstance(
        FakeExchange.class.getClassLoader(), new Class<?>[] {type}, invocation));
  }
}
