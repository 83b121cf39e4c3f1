package dev.respool.spring;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The starter on Jetty 12.1. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "server.http2.enabled=true",
      // Tomcat is on the test class path too, for TomcatBootIT; choose Jetty.
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.tomcat.autoconfigure.servlet."
          + "TomcatServletWebServerAutoConfiguration"
    })
class JettyBootIT extends BootServerTests {}
