package dev.respool.examples.boot;

/** A client asked for a name that is not a plain file name: answered with 400. */
final class BadFileNameException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  BadFileNameException(String name, String reason) {
    super("'" + FileName.printable(name) + "' is not a plain file name: " + reason);
  }
}
