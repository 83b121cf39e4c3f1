package dev.respool.testkit.suite;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The servlets of {@link ServletSemanticsSuite}: each uses one part of the response API whose
 * answer the guarded response must leave exactly as the container gives it.
 */
final class SemanticServlets {

  private SemanticServlets() {}

  /** A new instance of every servlet, by the path it is mapped to. */
  static Map<String, HttpServlet> byPath() {
    Map<String, HttpServlet> servlets = new LinkedHashMap<>();
    servlets.put("/writer-utf8", new WriterUtf8());
    servlets.put("/writer-latin1", new WriterLatin1());
    servlets.put("/writer-then-stream", new WriterThenStream());
    servlets.put("/stream-then-writer", new StreamThenWriter());
    servlets.put("/print", new Print());
    servlets.put("/honest-async", new HonestAsync());
    servlets.put("/async-response", new WritesThroughAsyncContext());
    return servlets;
  }

  /** Text through the writer in UTF-8, set by character encoding. */
  static final class WriterUtf8 extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setCharacterEncoding("UTF-8");
      resp.setContentType("text/plain");
      PrintWriter writer = resp.getWriter();
      writer.print("h\u00e9llo \u2713 \uD83D\uDE00 ");
      writer.println(42);
    }
  }

  /** Text through the writer in ISO-8859-1, set by content type. */
  static final class WriterLatin1 extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain;charset=ISO-8859-1");
      resp.getWriter().write("caf\u00e9 cr\u00e8me");
    }
  }

  /** The stream after the writer fails; the servlet reports how. */
  static final class WriterThenStream extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      PrintWriter writer = resp.getWriter();
      try {
        resp.getOutputStream();
        writer.print("no failure");
      } catch (IllegalStateException e) {
        writer.print("refused with " + e.getClass().getName());
      }
    }
  }

  /** The writer after the stream fails; the servlet reports how. */
  static final class StreamThenWriter extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      ServletOutputStream out = resp.getOutputStream();
      try {
        resp.getWriter();
        out.print("no failure");
      } catch (IllegalStateException e) {
        out.print("refused with " + e.getClass().getName());
      }
    }
  }

  /** The print methods of the output stream. */
  static final class Print extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      ServletOutputStream out = resp.getOutputStream();
      out.print("abc");
      out.print(true);
      out.println(42L);
      out.print('x');
      out.print(1.5);
      out.println("end");
      out.print(7);
    }
  }

  /**
   * Non-blocking writes of one reused 5,000-byte array, refilled only after isReady() returned
   * true, as the Servlet specification asks.
   */
  static final class HonestAsync extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("application/octet-stream");
      AsyncContext async = req.startAsync();
      ServletOutputStream out = resp.getOutputStream();
      byte[] array = new byte[5_000];
      out.setWriteListener(new WriteListener() {
        int written;

        @Override
        public void onWritePossible() throws IOException {
          while (out.isReady()) {
            if (written == 200) {
              async.complete();
              return;
            }
            Arrays.fill(array, (byte) written);
            out.write(array);
            written++;
          }
        }

        @Override
        public void onError(Throwable t) {
          async.complete();
        }
      });
    }
  }

  /** Blocking writes through the response of the async context, from another thread. */
  static final class WritesThroughAsyncContext extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext async = req.startAsync();
      async.start(() -> {
        try {
          HttpServletResponse response = (HttpServletResponse) async.getResponse();
          response.setContentType("text/plain");
          // The filter must not change what the container says of the context.
          response.setHeader("X-Original", String.valueOf(async.hasOriginalRequestAndResponse()));
          response.getOutputStream().print("written from a thread of the async context");
        } catch (IOException e) {
          throw new IllegalStateException(e);
        } finally {
          async.complete();
        }
      });
    }
  }
}
