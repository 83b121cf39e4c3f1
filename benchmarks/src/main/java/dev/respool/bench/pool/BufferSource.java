package dev.respool.bench.pool;

/**
 * One way to obtain a {@code byte[]} for a short use and give it back: a pool, a queue, a thread
 * local, or plain allocation.
 *
 * <p>Some sources hand out a region of a larger array; {@link #offset(Object)} tells where the
 * region starts. The region is at least as long as the size asked for.
 *
 * @param <H> what {@link #acquire(int)} returns and {@link #release(Object)} takes back
 */
public interface BufferSource<H> {

  /**
   * Takes a buffer of at least {@code size} bytes.
   *
   * @param size the fewest bytes needed
   * @return the held buffer, to be passed to {@link #release(Object)} once
   */
  H acquire(int size);

  /**
   * The array behind a held buffer.
   *
   * @param held a buffer returned by {@link #acquire(int)} and not released yet
   * @return its backing array
   */
  byte[] array(H held);

  /**
   * Where the held buffer's region starts in {@link #array(Object)}.
   *
   * @param held a buffer returned by {@link #acquire(int)} and not released yet
   * @return the index of the region's first byte
   */
  int offset(H held);

  /**
   * Gives a held buffer back. The caller must not touch its array afterwards.
   *
   * @param held a buffer returned by {@link #acquire(int)}
   */
  void release(H held);

  /**
   * The bytes the source keeps for later uses right now, by its own count, or -1 when it cannot
   * tell. The counts differ in kind: some include buffers that are out, some only idle ones.
   */
  long pooledBytes();

  /** The most bytes the source keeps between uses, or -1 when it sets no bound of its own. */
  long bound();
}
