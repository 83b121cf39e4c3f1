package dev.respool.examples.annotated;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;

/** A servlet that hands every request to another, so that an annotation can register that one. */
abstract class DelegatingServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final HttpServlet target;

  DelegatingServlet(HttpServlet target) {
    this.target = target;
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    target.init(config);
  }

  @Override
  public void service(ServletRequest request, ServletResponse response)
      throws ServletException, IOException {
    target.service(request, response);
  }

  @Override
  public void destroy() {
    target.destroy();
  }
}
