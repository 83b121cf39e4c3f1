package dev.respool.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.RespoolFilter;
import jakarta.servlet.ServletException;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** A filter with a bad setting does not start, and says which setting and what it accepts. */
class FilterSettingsIT {

  private static Throwable startWith(String param, String value) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    FilterHolder filter = new FilterHolder(RespoolFilter.class);
    filter.setInitParameter(param, value);
    context.addFilter(filter, "/*", null);
    server.setHandler(context);
    try {
      server.start();
      return null;
    } catch (Exception e) {
      return e;
    } finally {
      server.stop();
    }
  }

  private static Throwable rootOf(Throwable failure) {
    Throwable cause = failure;
    while (!(cause instanceof ServletException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Test
  void anUnknownModeStopsTheStartAndListsTheValidModes() throws Exception {
    Throwable failure = startWith(RespoolFilter.MODE_PARAM, "fast");

    assertThat(failure).isNotNull();
    assertThat(rootOf(failure))
        .isInstanceOf(ServletException.class)
        .hasMessage(
            "Unknown respool mode 'fast' from init-param 'mode'; valid modes are copy, pool,"
                + " detect, off");
  }

  @Test
  void aBoundOutOfRangeStopsTheStartAndNamesTheRange() throws Exception {
    Throwable failure = startWith(RespoolFilter.MAX_POOLED_BYTES_PARAM, "16MB");

    assertThat(failure).isNotNull();
    assertThat(rootOf(failure))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("max-pooled-bytes '16MB'")
        .hasMessageContaining("from 0 to 4294967296");
  }

  @Test
  void validSettingsStart() throws Exception {
    assertThat(startWith(RespoolFilter.MODE_PARAM, " Detect ")).isNull();
    assertThatThrownBy(() -> RespoolFilter.class.getConstructor().newInstance().respool())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not initialized");
  }
}
