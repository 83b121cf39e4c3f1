package dev.respool.bench.e2e;

/**
 * One measured window of one cell.
 *
 * @param round the round, from 1
 * @param cell what was measured
 * @param tool what the load tool reported
 * @param server what the servlet counted in the window
 * @param jvm what the server's JVM allocated and collected in the window
 * @param idle whether the server had no request in flight when the window closed
 */
record Measurement(
    int round,
    Cell cell,
    ToolResult tool,
    BodyServlet.Counts server,
    JvmCounters jvm,
    boolean idle) {

  /**
   * Bytes allocated in the JVM per request the servlet completed, or NaN when it completed none.
   */
  double allocatedBytesPerRequest() {
    return server.completed() == 0
        ? Double.NaN
        : (double) jvm.allocatedBytes() / server.completed();
  }
}
