package dev.respool.examples.annotated;

import dev.respool.testkit.BytesServlet;
import jakarta.servlet.annotation.WebServlet;

/**
 * {@code GET /bytes/{n}?seed={s}&io={blocking|async|naive}}: the test kit's bodies, with their
 * {@code Repr-Digest}, registered by annotation.
 */
@WebServlet(urlPatterns = "/bytes/*", asyncSupported = true)
public class BodiesServlet extends DelegatingServlet {

  private static final long serialVersionUID = 1L;

  public BodiesServlet() {
    super(new BytesServlet());
  }
}
