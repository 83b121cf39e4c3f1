package dev.respool.testkit.suite;

import dev.respool.testkit.Io;
import dev.respool.testkit.Wire;
import java.util.SplittableRandom;

/**
 * One request of a soak, drawn from the soak's seed and its own index alone, so that any request
 * can be replayed by itself ({@value SoakSettings#ONLY}).
 *
 * @param index the position in the plan, from 0
 * @param wire the protocol
 * @param io how the server writes the body
 * @param length the body length
 * @param seed the body seed
 * @param fate what the client does with the body
 * @param abortAt for {@link Fate#ABORT}, the bytes read before the client goes away
 * @param cancel for {@link Fate#ABORT}, whether the client cancels the call rather than closing
 *     the body
 */
record SoakRequest(
    int index, Wire wire, Io io, long length, long seed, Fate fate, long abortAt, boolean cancel) {

  /** What the client does with the body. */
  enum Fate {
    /** Reads it all and checks every byte. */
    COMPLETE,
    /** Reads up to {@code abortAt}, then cancels the call or closes the body. */
    ABORT,
    /** Reads a little, stops reading past the server's idle timeout, then reads on. */
    STALL
  }

  /**
   * Lengths at the edges that matter: empty, one byte, around the 8 KiB that containers buffer,
   * around the 32 KiB chunks the copies write.
   */
  private static final long[] EDGES = {0, 1, 8191, 8192, 8193, 32767, 32768, 32769, 65536};

  /** Requests in a hundred whose length is one of {@link #EDGES} or the largest. */
  private static final int EDGE_PERCENT = 5;

  /**
   * Draws request {@code index} of the soak with {@code settings}.
   *
   * <p>Lengths are mostly small: log-uniform from 0 to the largest body, so that each power of two
   * is about as likely as the next (half the bodies are under the square root of the largest),
   * with a few at the edges. Stalled bodies come from the upper half, so that they outgrow the
   * buffers between the server and the client.
   */
  static SoakRequest draw(SoakSettings settings, int index) {
    // Index times an odd constant: neighbouring requests get unrelated streams.
    SplittableRandom random = new SplittableRandom(settings.seed() + index * 0x9E3779B97F4A7C15L);
    int roll = random.nextInt(1000);
    Fate fate = roll < SoakSettings.STALLS_PER_MILLE
        ? Fate.STALL
        : roll < SoakSettings.STALLS_PER_MILLE + SoakSettings.ABORTS_PER_MILLE
            ? Fate.ABORT
            : Fate.COMPLETE;
    Wire wire = Wire.values()[random.nextInt(Wire.values().length)];
    Io io = Io.values()[random.nextInt(Io.values().length)];
    long max = settings.maxBody();
    long length;
    if (fate == Fate.STALL) {
      length = max / 2 + random.nextLong(max - max / 2 + 1);
    } else if (random.nextInt(100) < EDGE_PERCENT) {
      int edge = random.nextInt(EDGES.length + 1);
      length = edge == EDGES.length ? max : EDGES[edge];
    } else {
      length = Math.min(max, (long) Math.pow(max + 1.0, random.nextDouble()) - 1);
    }
    long abortAt = length == 0 ? 0 : random.nextLong(length);
    boolean cancel = random.nextBoolean();
    return new SoakRequest(index, wire, io, length, random.nextLong(), fate, abortAt, cancel);
  }

  /** The request and what its client does, for a failure message or a replay. */
  @Override
  public String toString() {
    String what = switch (fate) {
      case COMPLETE -> "read whole";
      case ABORT -> (cancel ? "cancelled" : "closed") + " after " + abortAt + " bytes";
      case STALL -> "stalled past the idle timeout";
    };
    return "request " + index + ": GET /bytes/" + length + "?seed=" + seed + "&io=" + io.id()
        + " over " + wire + ", " + what;
  }
}
