package dev.respool.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code Repr-Digest} values of recently served {@link DeterministicBody bodies}, least
 * recently used first out. Thread-safe.
 *
 * <p>Each entry is a future, so that concurrent requests for a body nobody has hashed yet wait for
 * one computation instead of each hashing it; the hashing runs outside the lock.
 */
final class DigestCache {

  private record Key(long length, long seed) {}

  private final int capacity;
  /** Guarded by itself. In access order, so the eldest entry is the least recently used. */
  private final LinkedHashMap<Key, CompletableFuture<String>> entries;

  DigestCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be 1 or more, got " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<String>> eldest) {
        return size() > DigestCache.this.capacity;
      }
    };
  }

  /** The header value for the body of {@code length} bytes from {@code seed}. */
  String get(long length, long seed) {
    Key key = new Key(length, seed);
    CompletableFuture<String> value;
    boolean owner = false;
    synchronized (entries) {
      value = entries.get(key);
      if (value == null) {
        value = new CompletableFuture<>();
        entries.put(key, value);
        owner = true;
      }
    }
    if (owner) {
      try {
        value.complete(ReprDigest.format(DeterministicBody.sha256(length, seed)));
      } catch (RuntimeException | Error e) {
        // Do not keep a failure: the next caller tries again.
        synchronized (entries) {
          entries.remove(key, value);
        }
        value.completeExceptionally(e);
        throw e;
      }
    }
    return value.join();
  }

  /** The number of bodies whose digest is kept or being computed. */
  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
