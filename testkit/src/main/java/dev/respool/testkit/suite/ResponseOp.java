package dev.respool.testkit.suite;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One call on a response, with its arguments: a step of an {@link OpScript}. Each has a compact
 * form for the query string, {@link #code()}, and a readable one for reports, {@link #text()}.
 *
 * <p>Texts, header names and the like are indexes into the fixed tables below, so that every code
 * stays within the characters a query string carries unescaped.
 *
 * @param kind the method called
 * @param a the first argument: a byte, a length, a status, or an index into a table
 * @param b the second argument of the kinds that take two, else 0
 */
record ResponseOp(Kind kind, int a, int b) {

  /** What {@code print} calls print: ASCII, Latin-1, beyond Latin-1, a surrogate pair, nothing. */
  static final List<String> TEXTS =
      List.of("hello", "caf\u00e9", "\u2713 done", "\uD83D\uDE00", "two\nlines", "");

  /** The names for {@code setHeader} and {@code addHeader}, among them some the container owns. */
  static final List<String> HEADER_NAMES = List.of(
      "X-Fidelity", "X-Other", "Cache-Control", "Content-Type", "Content-Length", "Connection");

  /** The values for {@code setHeader} and {@code addHeader}. */
  static final List<String> HEADER_VALUES =
      List.of("a", "b c", "no-store", "text/plain;charset=UTF-8", "7", "close");

  /** The arguments of {@code setContentType}. */
  static final List<String> CONTENT_TYPES = List.of(
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/octet-stream",
      "text/html;charset=UTF-16");

  /** The arguments of {@code setCharacterEncoding}. */
  static final List<String> ENCODINGS = List.of("UTF-8", "ISO-8859-1", "UTF-16");

  /** The messages of {@code sendError(status, message)}. */
  static final List<String> MESSAGES = List.of("nope", "m\u00e9h", "<b>bold</b>");

  /** The targets of {@code sendRedirect}: absolute path, relative, and another origin. */
  static final List<String> LOCATIONS =
      List.of("/elsewhere", "next?x=1", "http://example.invalid/away");

  /** {@code ServletOutputStream.write(ByteBuffer)} where the API has it (6.1), else null. */
  private static final Method WRITE_BUFFER_METHOD = writeBufferMethod();

  /** The methods a script calls, each with its code letter and the number of its arguments. */
  enum Kind {
    WRITE_BYTE('b', 1),
    WRITE_SLICE('w', 2),
    WRITE_ARRAY('v', 1),
    WRITE_BUFFER('o', 2),
    PRINT('p', 2),
    STREAM_PRINT('q', 1),
    STREAM_PRINTLN('j', 1),
    FLUSH('f', 0),
    WRITER_FLUSH('g', 0),
    FLUSH_BUFFER('u', 0),
    CONTENT_LENGTH('l', 1),
    CONTENT_LENGTH_LONG('m', 1),
    BUFFER_SIZE('z', 1),
    RESET('r', 0),
    RESET_BUFFER('e', 0),
    SEND_ERROR('x', 1),
    SEND_ERROR_MESSAGE('y', 2),
    REDIRECT('d', 1),
    CLOSE('c', 0),
    WRITER_CLOSE('k', 0),
    STATUS('s', 1),
    SET_HEADER('h', 2),
    ADD_HEADER('a', 2),
    CONTENT_TYPE('t', 1),
    ENCODING('n', 1);

    private final char letter;
    private final int arity;

    Kind(char letter, int arity) {
      this.letter = letter;
      this.arity = arity;
    }

    static Kind of(char letter) {
      for (Kind kind : values()) {
        if (kind.letter == letter) {
          return kind;
        }
      }
      throw new IllegalArgumentException("no response operation has the code '" + letter + "'");
    }
  }

  /** An operation without arguments. */
  static ResponseOp of(Kind kind) {
    return new ResponseOp(kind, 0, 0);
  }

  /** An operation with one argument. */
  static ResponseOp of(Kind kind, int a) {
    return new ResponseOp(kind, a, 0);
  }

  /** This operation with {@code a} as its first argument. */
  ResponseOp withA(int a) {
    return new ResponseOp(kind, a, b);
  }

  /** The compact form: the code letter, then the arguments between dots, as in {@code w300.1}. */
  String code() {
    return switch (kind.arity) {
      case 0 -> String.valueOf(kind.letter);
      case 1 -> kind.letter + Integer.toString(a);
      default -> kind.letter + Integer.toString(a) + "." + b;
    };
  }

  /**
   * Reads the compact form of {@link #code()}.
   *
   * @throws IllegalArgumentException if {@code code} is not one
   */
  static ResponseOp parse(String code) {
    if (code.isEmpty()) {
      throw new IllegalArgumentException("an empty operation code");
    }
    Kind kind = Kind.of(code.charAt(0));
    String[] args = code.substring(1).split("\\.", -1);
    int given = code.length() == 1 ? 0 : args.length;
    if (given != kind.arity) {
      throw new IllegalArgumentException("'" + code + "' gives " + given + " arguments to " + kind
          + ", which takes " + kind.arity);
    }
    int a = given > 0 ? Integer.parseInt(args[0]) : 0;
    int b = given > 1 ? Integer.parseInt(args[1]) : 0;
    return new ResponseOp(kind, a, b);
  }

  /** How reports show this operation, as in {@code write(300 bytes @1)} or {@code reset}. */
  String text() {
    return switch (kind) {
      case WRITE_BYTE -> "write(byte " + a + ")";
      case WRITE_SLICE -> "write(" + a + " bytes @" + b + ")";
      case WRITE_ARRAY -> "write(byte[" + a + "])";
      case WRITE_BUFFER -> "write(" + (b == 1 ? "direct" : "heap") + " ByteBuffer of " + a + ")";
      case PRINT -> "writer.print(" + quote(TEXTS.get(a)) + (b == 1 ? "" : " x" + b) + ")";
      case STREAM_PRINT -> "stream.print(" + quote(TEXTS.get(a)) + ")";
      case STREAM_PRINTLN -> "stream.println(" + a + ")";
      case FLUSH -> "stream.flush";
      case WRITER_FLUSH -> "writer.flush";
      case FLUSH_BUFFER -> "flushBuffer";
      case CONTENT_LENGTH -> "setContentLength(" + a + ")";
      case CONTENT_LENGTH_LONG -> "setContentLengthLong(" + a + ")";
      case BUFFER_SIZE -> "setBufferSize(" + a + ")";
      case RESET -> "reset";
      case RESET_BUFFER -> "resetBuffer";
      case SEND_ERROR -> "sendError(" + a + ")";
      case SEND_ERROR_MESSAGE -> "sendError(" + a + ", " + quote(MESSAGES.get(b)) + ")";
      case REDIRECT -> "sendRedirect(" + quote(LOCATIONS.get(a)) + ")";
      case CLOSE -> "stream.close";
      case WRITER_CLOSE -> "writer.close";
      case STATUS -> "setStatus(" + a + ")";
      case SET_HEADER -> header("setHeader");
      case ADD_HEADER -> header("addHeader");
      case CONTENT_TYPE -> "setContentType(" + quote(CONTENT_TYPES.get(a)) + ")";
      case ENCODING -> "setCharacterEncoding(" + quote(ENCODINGS.get(a)) + ")";
    };
  }

  private String header(String method) {
    return method + "(" + quote(HEADER_NAMES.get(a)) + ", " + quote(HEADER_VALUES.get(b)) + ")";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\n", "\\n") + "\"";
  }

  /**
   * The body bytes this operation writes through the stream, or the characters it prints through
   * the writer; 0 for the rest. A script sums them to choose content lengths.
   */
  long plannedBytes() {
    return switch (kind) {
      case WRITE_BYTE -> 1;
      case WRITE_SLICE, WRITE_ARRAY, WRITE_BUFFER -> a;
      case PRINT -> (long) TEXTS.get(a).length() * b;
      case STREAM_PRINT -> TEXTS.get(a).length();
      case STREAM_PRINTLN -> Integer.toString(a).length() + 2;
      default -> 0;
    };
  }

  /**
   * Calls the method on {@code response}. Every array written is new, so the writes are honest in
   * non-blocking mode too.
   *
   * @return what the call left behind that the response does not show, or null: the bytes a
   *     {@code ByteBuffer} write left unread
   */
  String applyTo(HttpServletResponse response) throws IOException {
    switch (kind) {
      case WRITE_BYTE -> response.getOutputStream().write(a);
      case WRITE_SLICE -> response.getOutputStream().write(slice(a, b), b, a);
      case WRITE_ARRAY -> response.getOutputStream().write(filled(a, a));
      case WRITE_BUFFER -> {
        return writeBuffer(response.getOutputStream());
      }
      case PRINT -> response.getWriter().print(TEXTS.get(a).repeat(b));
      case STREAM_PRINT -> response.getOutputStream().print(TEXTS.get(a));
      case STREAM_PRINTLN -> response.getOutputStream().println(a);
      case FLUSH -> response.getOutputStream().flush();
      case WRITER_FLUSH -> response.getWriter().flush();
      case FLUSH_BUFFER -> response.flushBuffer();
      case CONTENT_LENGTH -> response.setContentLength(a);
      case CONTENT_LENGTH_LONG -> response.setContentLengthLong(a);
      case BUFFER_SIZE -> response.setBufferSize(a);
      case RESET -> response.reset();
      case RESET_BUFFER -> response.resetBuffer();
      case SEND_ERROR -> response.sendError(a);
      case SEND_ERROR_MESSAGE -> response.sendError(a, MESSAGES.get(b));
      case REDIRECT -> response.sendRedirect(LOCATIONS.get(a));
      case CLOSE -> response.getOutputStream().close();
      case WRITER_CLOSE -> response.getWriter().close();
      case STATUS -> response.setStatus(a);
      case SET_HEADER -> response.setHeader(HEADER_NAMES.get(a), HEADER_VALUES.get(b));
      case ADD_HEADER -> response.addHeader(HEADER_NAMES.get(a), HEADER_VALUES.get(b));
      case CONTENT_TYPE -> response.setContentType(CONTENT_TYPES.get(a));
      case ENCODING -> response.setCharacterEncoding(ENCODINGS.get(a));
    }
    return null;
  }

  /**
   * Writes a {@code ByteBuffer} of {@code a} bytes, direct or wrapping the middle of an array,
   * through {@code ServletOutputStream.write(ByteBuffer)}, which Servlet 6.1 added: called by
   * reflection, since the kit is built against Servlet 6.0.
   *
   * @throws UnsupportedOperationException on a Servlet API without the method
   */
  private String writeBuffer(ServletOutputStream out) throws IOException {
    if (WRITE_BUFFER_METHOD == null) {
      throw new UnsupportedOperationException("ServletOutputStream.write(ByteBuffer)");
    }
    ByteBuffer buffer = b == 1
        ? ByteBuffer.allocateDirect(a).put(filled(a, a)).flip()
        : ByteBuffer.wrap(slice(a, 3), 3, a);
    try {
      WRITE_BUFFER_METHOD.invoke(out, buffer);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) cause;
    }
    return "remaining " + buffer.remaining();
  }

  private static Method writeBufferMethod() {
    try {
      return ServletOutputStream.class.getMethod("write", ByteBuffer.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /**
   * An array of {@code offset + length + 3} bytes whose slice at {@code offset} is written: a
   * write that ignored the bounds would send other bytes.
   */
  static byte[] slice(int length, int offset) {
    return filled(offset + length + 3, length);
  }

  /** An array of {@code size} bytes, each from its index and {@code length}. */
  private static byte[] filled(int size, int length) {
    byte[] array = new byte[size];
    for (int i = 0; i < array.length; i++) {
      array[i] = (byte) (i * 31 + length);
    }
    return array;
  }
}
