package dev.respool.bench.e2e;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.catalina.util.ServerInfo;
import org.eclipse.jetty.util.Jetty;

/** The servlet containers the harness can serve the bodies from, each embedded in its JVM. */
enum Container {
  /** Embedded Jetty 12.1, ee10; see {@link JettyServer}. */
  JETTY("Jetty"),
  /** Embedded Tomcat 11; see {@link TomcatServer}. */
  TOMCAT("Tomcat");

  private final String title;

  Container(String title) {
    this.title = title;
  }

  /** The name used on the command line and in reports: {@code jetty} or {@code tomcat}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The name people know the container by: {@code Jetty} or {@code Tomcat}. */
  String title() {
    return title;
  }

  /** The version on the class path, such as {@code 12.1.14} or {@code 11.0.29}. */
  String version() {
    if (this == JETTY) {
      return Jetty.VERSION;
    }
    // "Apache Tomcat/11.0.29"
    String info = ServerInfo.getServerInfo();
    return info.substring(info.indexOf('/') + 1);
  }

  static Container parse(String value, String option) {
    for (Container container : values()) {
      if (container.id().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return container;
      }
    }
    throw new IllegalArgumentException(option + ": unknown container '" + value
        + "'; valid containers are "
        + Arrays.stream(values()).map(Container::id).collect(Collectors.joining(",")));
  }
}
