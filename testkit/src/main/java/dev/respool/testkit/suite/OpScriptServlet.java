package dev.respool.testkit.suite;

import dev.respool.testkit.suite.OpScript.Dispatch;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Runs the {@link OpScript} its request carries, whatever the method: {@code dispatch} says how,
 * {@code ops} lists the operations, and the header {@value #RUN_HEADER} names the record in the
 * {@link OpJournal} where each operation's outcome goes. It overrides {@code service} itself, so
 * that a {@code HEAD} runs the same script and the container alone decides what becomes of its
 * body.
 */
final class OpScriptServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /**
   * How long an asynchronous run may take before the container times it out. A script that
   * leaves a non-blocking stream never ready again ends this way, the same with and without the
   * filter, instead of holding the client until its own timeout.
   */
  static final long ASYNC_TIMEOUT_MILLIS = 3_000;

  /** The request header that names the run, for the journal. */
  static final String RUN_HEADER = "X-Fidelity-Run";

  /** The request attribute that hands a run to the {@code ASYNC} dispatch of its script. */
  private static final String RUN = OpScriptServlet.class.getName() + ".run";

  private final transient OpJournal journal;

  OpScriptServlet(OpJournal journal) {
    this.journal = journal;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    List<ResponseOp> ops = OpScript.parseOps(req.getParameter("ops"));
    if (req.getDispatcherType() == DispatcherType.ASYNC) {
      OpJournal.Run run = (OpJournal.Run) req.getAttribute(RUN);
      try {
        applyAll(ops, resp, run, false);
      } finally {
        run.end();
      }
      return;
    }
    OpJournal.Run run = journal.open(req.getHeader(RUN_HEADER));
    switch (Dispatch.of(req.getParameter("dispatch"))) {
      case SYNC -> {
        try {
          applyAll(ops, resp, run, false);
        } finally {
          run.end();
        }
      }
      case START -> {
        AsyncContext async = startAsync(req, run, false);
        async.start(() -> {
          try {
            applyAll(ops, (HttpServletResponse) async.getResponse(), run, true);
            async.complete();
          } finally {
            run.end();
          }
        });
      }
      case DISPATCH -> {
        req.setAttribute(RUN, run);
        startAsync(req, run, false).dispatch();
      }
      case LISTENER -> {
        AsyncContext async = startAsync(req, run, true);
        ServletOutputStream out = resp.getOutputStream();
        out.setWriteListener(new Steps(ops, resp, out, async, run));
      }
    }
  }

  /**
   * Starts the asynchronous cycle of a run.
   *
   * @param endsOnError whether an error the container reports ends the run: only when the run
   *     waits for the container's callbacks, and not when it ends on a thread of its own
   */
  private static AsyncContext startAsync(
      HttpServletRequest req, OpJournal.Run run, boolean endsOnError) {
    AsyncContext async = req.startAsync();
    async.setTimeout(ASYNC_TIMEOUT_MILLIS);
    async.addListener(new Ending(run, endsOnError));
    return async;
  }

  /**
   * Applies the operations in turn; an exception ends only its own operation, except where
   * {@link #goesOnAlone} says the script must stop.
   *
   * @param outsideDispatch whether the operations run outside a dispatch of the container
   */
  private static void applyAll(
      List<ResponseOp> ops,
      HttpServletResponse response,
      OpJournal.Run run,
      boolean outsideDispatch) {
    for (ResponseOp op : ops) {
      if (apply(op, response, run, outsideDispatch)) {
        return;
      }
    }
  }

  /**
   * Applies one operation and records its outcome: {@code ok}, with what it left behind if
   * anything, or the class of what it threw; followed by {@code , committed} once the response is.
   * Outside a dispatch of the container, an operation after which the container {@linkplain
   * #goesOnAlone goes on alone} ends the script: its line then says nothing of the commit, which is
   * up to the container's threads from then on, and one more line says that the script stopped.
   *
   * @param outsideDispatch whether the operation runs outside a dispatch of the container
   * @return whether the script stops here
   */
  static boolean apply(
      ResponseOp op, HttpServletResponse response, OpJournal.Run run, boolean outsideDispatch) {
    Exception failure = null;
    String outcome;
    try {
      String left = op.applyTo(response);
      outcome = left == null ? "ok" : "ok (" + left + ")";
    } catch (IOException | RuntimeException e) {
      failure = e;
      outcome = e.getClass().getName();
    }
    boolean stop = outsideDispatch && goesOnAlone(op, failure);
    boolean committed = !stop && response.isCommitted();
    run.record(op.text() + " -> " + outcome + (committed ? ", committed" : ""));
    if (stop) {
      run.record("(stopped: the container goes on alone)");
    }
    return stop;
  }

  /**
   * Whether the container may go on alone after {@code op}, when the script runs outside a dispatch
   * of the container, on a thread of {@code AsyncContext.start} or in non-blocking mode: after a
   * {@code sendError} or a {@code sendRedirect} that returned, or an {@code IOException} from the
   * stream. It then goes on on threads of its own, at times that vary: Jetty 12.1 handles a {@code
   * sendError} made from an {@code AsyncContext.start} thread that way; Tomcat 11 lifts the
   * suspension that both put on the response when the dispatch that started the cycle returns,
   * which may come before or after them; and it reports a failed non-blocking write to {@code
   * onError}. What the script did next would race with that, with or without the filter.
   */
  private static boolean goesOnAlone(ResponseOp op, Exception failure) {
    if (failure != null) {
      return failure instanceof IOException;
    }
    return op.kind() == ResponseOp.Kind.SEND_ERROR
        || op.kind() == ResponseOp.Kind.SEND_ERROR_MESSAGE
        || op.kind() == ResponseOp.Kind.REDIRECT;
  }

  /**
   * Ends the run of a cycle that timed out, recording that, or, if {@code endsOnError}, that
   * failed.
   */
  private record Ending(OpJournal.Run run, boolean endsOnError) implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onTimeout(AsyncEvent event) {
      run.record("(async timeout)");
      try {
        event.getAsyncContext().complete();
      } finally {
        run.end();
      }
    }

    @Override
    public void onError(AsyncEvent event) {
      // Not recorded: when the container reports the error of a write that already threw,
      // compared with the script's own progress, is up to its threads.
      if (endsOnError) {
        run.end();
      }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {}
  }

  /**
   * The operations of a non-blocking run: each is applied only once {@code isReady()} returned
   * true, as the Servlet specification asks of writes, and the cycle completes once the last
   * write is done, or when {@link #goesOnAlone} says so.
   */
  private static final class Steps implements WriteListener {
    private final List<ResponseOp> ops;
    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final AsyncContext async;
    private final OpJournal.Run run;
    private int next;
    private boolean completed;

    Steps(
        List<ResponseOp> ops,
        HttpServletResponse response,
        ServletOutputStream out,
        AsyncContext async,
        OpJournal.Run run) {
      this.ops = ops;
      this.response = response;
      this.out = out;
      this.async = async;
      this.run = run;
    }

    @Override
    public synchronized void onWritePossible() {
      while (next < ops.size() && !completed) {
        if (!out.isReady()) {
          return;
        }
        if (apply(ops.get(next++), response, run, true)) {
          complete();
          return;
        }
      }
      if (!completed && out.isReady()) {
        complete();
      }
    }

    private void complete() {
      completed = true;
      try {
        async.complete();
      } finally {
        run.end();
      }
    }

    @Override
    public synchronized void onError(Throwable t) {
      // Not recorded, as in Ending.onError; the failed write recorded its exception already.
      if (!completed) {
        complete();
      }
    }
  }
}
