package dev.respool.testkit.suite;

import dev.respool.testkit.suite.ResponseOp.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A sequence of response operations for {@link OpScriptServlet} to run, with the request method
 * and the way the servlet runs them. The client sends it whole in the request, so the same request
 * gives the same script to every deployment; {@link #random} draws one from a seed.
 *
 * @param method {@code GET} or {@code HEAD}
 * @param dispatch how the servlet runs the operations
 * @param ops the operations, in order
 */
record OpScript(String method, Dispatch dispatch, List<ResponseOp> ops) {

  /** How the servlet runs the operations of a script. */
  enum Dispatch {
    /** On the container's thread, in {@code service}. */
    SYNC,
    /** On a thread of {@code AsyncContext.start}, then {@code complete()}. */
    START,
    /** In the {@code ASYNC} dispatch that {@code AsyncContext.dispatch()} makes. */
    DISPATCH,
    /**
     * In non-blocking mode: in {@code onWritePossible}, one at a time while {@code isReady()}, then
     * {@code complete()} once {@code isReady()} returns true.
     */
    LISTENER;

    /** The name in the query string and in reports. */
    String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Dispatch of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  /** The operations a script draws from when it writes through the stream. */
  private static final Weighted STREAM_OPS = new Weighted()
      .add(Kind.WRITE_BYTE, 8)
      .add(Kind.WRITE_SLICE, 19)
      .add(Kind.WRITE_ARRAY, 4)
      .add(Kind.WRITE_BUFFER, 4)
      .add(Kind.STREAM_PRINT, 4)
      .add(Kind.STREAM_PRINTLN, 2)
      .add(Kind.FLUSH, 6)
      .add(Kind.CLOSE, 4)
      .add(Kind.PRINT, 2)
      .add(Kind.WRITER_FLUSH, 1);

  /** The operations a script draws from when it writes through the writer. */
  private static final Weighted WRITER_OPS = new Weighted()
      .add(Kind.PRINT, 35)
      .add(Kind.WRITER_FLUSH, 6)
      .add(Kind.WRITER_CLOSE, 4)
      .add(Kind.WRITE_SLICE, 2)
      .add(Kind.FLUSH, 1);

  /** The operations on the response itself, the same for both. */
  private static final Weighted RESPONSE_OPS = new Weighted()
      .add(Kind.FLUSH_BUFFER, 6)
      .add(Kind.CONTENT_LENGTH, 4)
      .add(Kind.CONTENT_LENGTH_LONG, 3)
      .add(Kind.BUFFER_SIZE, 5)
      .add(Kind.RESET, 4)
      .add(Kind.RESET_BUFFER, 4)
      .add(Kind.SEND_ERROR, 2)
      .add(Kind.SEND_ERROR_MESSAGE, 2)
      .add(Kind.REDIRECT, 2)
      .add(Kind.STATUS, 5)
      .add(Kind.SET_HEADER, 3)
      .add(Kind.ADD_HEADER, 3)
      .add(Kind.CONTENT_TYPE, 3)
      .add(Kind.ENCODING, 2);

  /**
   * No 204 or 304: a body after one makes OkHttp fail the exchange at once, and what the server
   * writes next then races with the client's reset of the stream.
   */
  private static final int[] STATUSES = {200, 201, 202, 404, 410, 500};

  private static final int[] ERRORS = {400, 404, 500, 503};
  /**
   * Buffer sizes up to Tomcat's default and one far beyond, none between 8 and 128 KiB: Tomcat 11
   * keeps a buffer enlarged that far for the next request that reuses its response object, so
   * such a size would change the answers to later scripts, whichever deployment they go to.
   */
  private static final int[] BUFFER_SIZES = {0, 1, 512, 4096, 8192, 160 * 1024};

  /** Keeps an unmodifiable copy of the operations. */
  OpScript {
    ops = List.copyOf(ops);
  }

  /**
   * Draws a script from {@code seed}: the same seed gives the same operations on every JVM, since
   * {@link Random} is specified to the bit, and for every method.
   *
   * @param method {@code GET} or {@code HEAD}
   */
  static OpScript random(long seed, String method) {
    Random random = new Random(seed);
    int roll = random.nextInt(100);
    Dispatch dispatch = roll < 40
        ? Dispatch.SYNC
        : roll < 60 ? Dispatch.START : roll < 75 ? Dispatch.DISPATCH : Dispatch.LISTENER;
    // A script in non-blocking mode has taken the stream already, so it writes through it.
    boolean writer = dispatch != Dispatch.LISTENER && random.nextInt(100) < 35;
    Weighted channel = writer ? WRITER_OPS : STREAM_OPS;
    int count = 1 + random.nextInt(random.nextInt(100) < 80 ? 8 : 20);

    List<ResponseOp> ops = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean body = random.nextInt(100) < 55;
      ops.add(draw((body ? channel : RESPONSE_OPS).pick(random), random));
    }
    return new OpScript(method, dispatch, lengthsFor(ops));
  }

  private static ResponseOp draw(Kind kind, Random random) {
    return switch (kind) {
      case WRITE_BYTE -> ResponseOp.of(kind, random.nextInt(256));
      case WRITE_SLICE -> new ResponseOp(kind, sliceLength(random), 1 + random.nextInt(16));
      case WRITE_ARRAY -> ResponseOp.of(kind, sliceLength(random));
      case WRITE_BUFFER -> new ResponseOp(kind, sliceLength(random), random.nextInt(2));
      case STREAM_PRINTLN -> ResponseOp.of(kind, random.nextInt());
      case PRINT -> new ResponseOp(kind, random.nextInt(ResponseOp.TEXTS.size()), repeat(random));
      case STREAM_PRINT -> ResponseOp.of(kind, random.nextInt(ResponseOp.TEXTS.size()));
      // The length is chosen once the whole script is known; this roll picks how.
      case CONTENT_LENGTH, CONTENT_LENGTH_LONG -> ResponseOp.of(kind, random.nextInt(100));
      case BUFFER_SIZE -> ResponseOp.of(kind, BUFFER_SIZES[random.nextInt(BUFFER_SIZES.length)]);
      case SEND_ERROR -> ResponseOp.of(kind, ERRORS[random.nextInt(ERRORS.length)]);
      case SEND_ERROR_MESSAGE ->
        new ResponseOp(
            kind,
            ERRORS[random.nextInt(ERRORS.length)],
            random.nextInt(ResponseOp.MESSAGES.size()));
      case REDIRECT -> ResponseOp.of(kind, random.nextInt(ResponseOp.LOCATIONS.size()));
      case STATUS -> ResponseOp.of(kind, STATUSES[random.nextInt(STATUSES.length)]);
      case SET_HEADER, ADD_HEADER ->
        new ResponseOp(
            kind,
            random.nextInt(ResponseOp.HEADER_NAMES.size()),
            random.nextInt(ResponseOp.HEADER_VALUES.size()));
      case CONTENT_TYPE -> ResponseOp.of(kind, random.nextInt(ResponseOp.CONTENT_TYPES.size()));
      case ENCODING -> ResponseOp.of(kind, random.nextInt(ResponseOp.ENCODINGS.size()));
      default -> ResponseOp.of(kind);
    };
  }

  /** Mostly small slices, and some beyond the containers' 8 and 32 KiB buffers. */
  private static int sliceLength(Random random) {
    int roll = random.nextInt(100);
    if (roll < 40) {
      return 1 + random.nextInt(64);
    }
    if (roll < 70) {
      return 65 + random.nextInt(4_032);
    }
    return roll < 90 ? 4_097 + random.nextInt(16_000) : 20_001 + random.nextInt(50_000);
  }

  private static int repeat(Random random) {
    return random.nextInt(100) < 80 ? 1 + random.nextInt(4) : 1 + random.nextInt(3_000);
  }

  /**
   * Replaces the roll of each content-length operation with a length: mostly the bytes the whole
   * script writes, else half of them, none, or a few more.
   */
  private static List<ResponseOp> lengthsFor(List<ResponseOp> ops) {
    long planned = ops.stream().mapToLong(ResponseOp::plannedBytes).sum();
    int total = (int) Math.min(planned, Integer.MAX_VALUE / 2);
    List<ResponseOp> chosen = new ArrayList<>(ops.size());
    for (ResponseOp op : ops) {
      if (op.kind() == Kind.CONTENT_LENGTH || op.kind() == Kind.CONTENT_LENGTH_LONG) {
        int roll = op.a();
        op = op.withA(roll < 60 ? total : roll < 75 ? total / 2 : roll < 85 ? 0 : total + 1);
      }
      chosen.add(op);
    }
    return chosen;
  }

  /**
   * Reads a script written as its method, its dispatch and its operation codes, separated by
   * spaces, for example {@code GET listener w300.1_u}.
   */
  static OpScript parse(String text) {
    String[] parts = text.split(" ", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("'" + text + "' is not 'METHOD dispatch ops'");
    }
    return new OpScript(parts[0], Dispatch.of(parts[1]), parseOps(parts[2]));
  }

  /** This script with other operations. */
  OpScript withOps(List<ResponseOp> others) {
    return new OpScript(method, dispatch, others);
  }

  /** The query string that carries this script, without {@code ?}. */
  String query() {
    String codes = ops.stream().map(ResponseOp::code).collect(Collectors.joining("_"));
    return "dispatch=" + dispatch.id() + "&ops=" + codes;
  }

  /**
   * Reads the operations of a query string made by {@link #query()}.
   *
   * @param codes the value of its {@code ops} parameter
   */
  static List<ResponseOp> parseOps(String codes) {
    if (codes == null || codes.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(codes.split("_")).map(ResponseOp::parse).toList();
  }

  /** The operations as reports show them, as in {@code write(3 bytes @1) | reset}. */
  String opsText() {
    return ops.isEmpty()
        ? "(no operations)"
        : ops.stream().map(ResponseOp::text).collect(Collectors.joining(" | "));
  }

  /** The whole script as reports show it. */
  @Override
  public String toString() {
    return method + ", " + dispatch.id() + ": " + opsText();
  }

  /** Kinds with weights, drawn in proportion to them. */
  private static final class Weighted {
    private final List<Kind> kinds = new ArrayList<>();

    Weighted add(Kind kind, int weight) {
      for (int i = 0; i < weight; i++) {
        kinds.add(kind);
      }
      return this;
    }

    Kind pick(Random random) {
      return kinds.get(random.nextInt(kinds.size()));
    }
  }
}
