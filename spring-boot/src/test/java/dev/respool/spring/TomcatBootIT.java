package dev.respool.spring;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The starter on Tomcat, Boot's default server. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "server.http2.enabled=true",
      // Jetty is on the test class path too, for JettyBootIT; choose Tomcat.
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.jetty.autoconfigure.servlet."
          + "JettyServletWebServerAutoConfiguration"
    })
class TomcatBootIT extends BootServerTests {}
