package dev.respool.examples.annotated;

import dev.respool.testkit.StatsServlet;
import jakarta.servlet.annotation.WebServlet;

/** {@code GET /stats}: the filter's counters as JSON, registered by annotation. */
@WebServlet(urlPatterns = "/stats")
public class CountersServlet extends DelegatingServlet {

  private static final long serialVersionUID = 1L;

  public CountersServlet() {
    super(new StatsServlet());
  }
}
