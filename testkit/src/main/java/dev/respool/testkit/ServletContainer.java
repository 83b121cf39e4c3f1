package dev.respool.testkit;

import dev.respool.Mode;
import java.util.List;

/**
 * A servlet container that the shared suites in {@code dev.respool.testkit.suite} run on. Each
 * container module implements it once, and every suite then runs there unchanged.
 *
 * <p>An implementation starts a server on 127.0.0.1 on a free port, serving HTTP/1.1 and h2c with
 * prior knowledge on that one port. In each {@linkplain WebApp#filtered() filtered} application it
 * registers {@code dev.respool.RespoolFilter} as {@code respool}, async-supported, with the
 * application's {@linkplain WebApp#filterInitParams() init-params}, for {@code /*} and the {@code
 * REQUEST} and {@code ASYNC} dispatches; and every servlet async-supported. {@link
 * WebApp#register} does that through the Servlet API, for a container that runs a {@code
 * ServletContainerInitializer}.
 */
public interface ServletContainer {

  /** How reports name this setup, for example {@code "Tomcat 11"}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /**
   * The {@code java.util.logging} loggers under which the container's own classes log, for
   * example {@code org.apache} for Tomcat. A suite that checks what the container logs lowers
   * their level for a while; a container whose logs reach {@code java.util.logging} by another
   * name, or not at all, must say so here.
   */
  List<String> loggerNames();

  /**
   * Starts a server with {@code apps}.
   *
   * @param apps the applications, with distinct context paths
   * @param connector what the server's connector needs beyond the container's defaults
   * @return the running server; its {@link ServerUnderTest#uri()} is the server's root
   * @throws Exception if the server cannot start; nothing is left running then
   */
  ServerUnderTest start(List<WebApp> apps, ConnectorSettings connector) throws Exception;

  /**
   * Starts a server with {@code apps} and otherwise the container's defaults.
   *
   * @param apps the applications, with distinct context paths
   * @param sendBufferBytes the socket send buffer of accepted connections, or 0 for the
   *     container's default; a small one keeps writes pending while the client reads slowly
   * @return the running server; its {@link ServerUnderTest#uri()} is the server's root
   * @throws Exception if the server cannot start; nothing is left running then
   */
  default ServerUnderTest start(List<WebApp> apps, int sendBufferBytes) throws Exception {
    return start(apps, ConnectorSettings.DEFAULTS.withSendBuffer(sendBufferBytes));
  }

  /**
   * Starts a server with the {@linkplain WebApp#demo demo application} in {@code mode}, and
   * checks that its filter really runs in that mode.
   *
   * @throws AssertionError if the filter runs in another mode; nothing is left running then
   */
  default ServerUnderTest startDemo(Mode mode) throws Exception {
    return ServerUnderTest.requireMode(start(List.of(WebApp.demo(mode)), 0), mode);
  }
}
