package dev.respool.bench.report;

/** The report's sections on the virtual-thread run and the end-to-end run. */
final class CustomSections {

  private CustomSections() {}

  static void virtualThreads(Report report) {}

  static void endToEnd(Report report) {}
}
