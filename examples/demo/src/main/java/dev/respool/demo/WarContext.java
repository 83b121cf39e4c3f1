package dev.respool.demo;

import java.nio.file.Path;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.Configurations;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.webapp.WebXmlConfiguration;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * The Jetty context that serves a WAR for {@link DemoServer#deploy}, set up the way a standalone
 * servlet container would deploy it: the WAR's own {@code WEB-INF/web.xml}, {@code @WebFilter} and
 * {@code @WebServlet} classes decide what runs, and the WAR's own copy of respool runs them.
 */
final class WarContext {

  /**
   * The demo's own classes and its copy of respool. The WAR must bring the filter in {@code
   * WEB-INF/lib}, as in any container; if the demo's copy were visible too, a WAR missing a class
   * would mix the two copies, and the filter's runtime would not be the one the WAR's servlets see.
   */
  private static final String DEMO_PACKAGES = "dev.respool.";

  private WarContext() {}

  /**
   * A context serving {@code war} at {@code /}.
   *
   * @param war a WAR file or an unpacked WAR directory
   * @throws IllegalStateException if this build of the demo lacks Jetty's web.xml or annotation
   *     support, which would otherwise leave the WAR's filter and servlets silently unregistered
   */
  static WebAppContext create(Path war) {
    WebAppContext webapp = new WebAppContext();
    webapp.setContextPath("/");
    webapp.setWar(war.toAbsolutePath().toString());
    // The servlet specification's order, which Jetty follows unless a system property says
    // otherwise: classes in the WAR first, so its copy of respool is the one that runs.
    webapp.setParentLoaderPriority(false);
    webapp.addHiddenClassMatcher(new ClassMatcher(DEMO_PACKAGES));
    // A WAR that fails to start makes the demo fail to start, instead of answering 503.
    webapp.setThrowUnavailableOnStartupException(true);
    // No directory listings: the demo serves what the WAR maps, not its file tree.
    webapp.setInitParameter("org.eclipse.jetty.servlet.Default.dirAllowed", "false");
    requireConfiguration(webapp.getConfigurations(), WebXmlConfiguration.class);
    requireConfiguration(webapp.getConfigurations(), AnnotationConfiguration.class);
    return webapp;
  }

  /**
   * Jetty finds its configurations through {@code META-INF/services}; a jar that merged its
   * dependencies without merging those files would deploy WARs with neither web.xml nor
   * annotations read.
   */
  private static void requireConfiguration(Configurations found, Class<?> configuration) {
    if (found.get(configuration) == null) {
      throw new IllegalStateException("cannot deploy a WAR: Jetty's "
          + configuration.getSimpleName() + " is not registered in META-INF/services"
          + " on the class path");
    }
  }
}
