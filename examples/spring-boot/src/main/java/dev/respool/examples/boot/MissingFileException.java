package dev.respool.examples.boot;

/**
 * No regular file of that name is inside the directory served: answered with 404. A symbolic
 * link that leads out of the directory counts as missing, so that a client learns nothing about
 * what lies outside.
 */
final class MissingFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MissingFileException(String name) {
    super("no file named '" + FileName.printable(name) + "'");
  }
}
