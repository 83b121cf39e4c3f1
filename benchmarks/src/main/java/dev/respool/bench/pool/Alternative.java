package dev.respool.bench.pool;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways of reusing a {@code byte[]} that the pool benchmarks compare. */
public enum Alternative {
  /** respool's {@link dev.respool.BufferPool}, bounded, with nothing per thread. */
  RESPOOL("respool"),
  /** Jetty's {@code ArrayByteBufferPool} with its default settings, heap buffers. */
  JETTY("jetty"),
  /**
   * A Netty {@code PooledByteBufAllocator} with its default settings, heap buffers; by default
   * only Netty's own threads get a per-thread cache, so the threads here go to the arenas.
   */
  NETTY("netty"),
  /** The same Netty allocator with a per-thread cache for every thread. */
  NETTY_THREAD_CACHE("nettyThreadCache"),
  /** An {@code ArrayBlockingQueue<byte[]>} filled up front; allocates when empty. */
  ARRAY_BLOCKING_QUEUE("arrayBlockingQueue"),
  /** A {@code ThreadLocal<byte[]>}: one array kept by every thread that ever used it. */
  THREAD_LOCAL("threadLocal"),
  /** A fresh array for every use, for reference. */
  ALLOCATE("allocate");

  private final String label;

  Alternative(String label) {
    this.label = label;
  }

  /** The name used on command lines, in JMH parameters and in reports. */
  public String label() {
    return label;
  }

  /**
   * Creates a fresh source of this kind. Nothing is shared between two sources.
   *
   * @param size the array length the caller will ask for; the queue fills itself with such arrays
   * @param bound the bytes respool's pool and the queue may keep; the others use their own
   *     defaults
   * @return a new source
   */
  public BufferSource<?> create(int size, long bound) {
    return switch (this) {
      case RESPOOL -> new Sources.Respool(bound);
      case JETTY -> new Sources.Jetty();
      case NETTY -> new Sources.Netty(false);
      case NETTY_THREAD_CACHE -> new Sources.Netty(true);
      case ARRAY_BLOCKING_QUEUE -> new Sources.Queue(size, bound);
      case THREAD_LOCAL -> new Sources.PerThread();
      case ALLOCATE -> new Sources.Allocate();
    };
  }

  /**
   * The alternative with the given label, ignoring case.
   *
   * @throws IllegalArgumentException if no alternative has that label
   */
  public static Alternative forLabel(String label) {
    for (Alternative alternative : values()) {
      if (alternative.label.toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
        return alternative;
      }
    }
    throw new IllegalArgumentException("Unknown alternative '" + label + "'; known: " + labels());
  }

  /** The labels of all alternatives, comma-separated. */
  public static String labels() {
    return Arrays.stream(values()).map(Alternative::label).collect(Collectors.joining(","));
  }
}
