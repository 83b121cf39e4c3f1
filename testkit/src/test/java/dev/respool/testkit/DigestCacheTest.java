package dev.respool.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DigestCacheTest {

  @Test
  void givesTheReprDigestOfTheBody() {
    DigestCache cache = new DigestCache(4);

    assertThat(cache.get(1000, 7)).isEqualTo(ReprDigest.format(DeterministicBody.sha256(1000, 7)));
  }

  @Test
  void keepsOneEntryPerBody() {
    DigestCache cache = new DigestCache(4);

    String first = cache.get(100, 1);
    String second = cache.get(100, 1);
    cache.get(100, 2);
    cache.get(101, 1);

    assertThat(second).isSameAs(first);
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void holdsNoMoreThanItsCapacityAndDropsTheLeastRecentlyUsed() {
    DigestCache cache = new DigestCache(3);
    String kept = cache.get(10, 0);
    cache.get(10, 1);
    cache.get(10, 2);

    // Using body 0 again makes body 1 the least recently used.
    cache.get(10, 0);
    cache.get(10, 3);

    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get(10, 0)).isSameAs(kept);
  }

  @Test
  void concurrentCallersForOneBodyGetTheSameValue() throws Exception {
    DigestCache cache = new DigestCache(2);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> cache.get(1 << 20, 5)));
      }

      String first = results.get(0).get(30, TimeUnit.SECONDS);
      for (Future<String> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(cache.size()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rejectsACapacityBelowOne() {
    assertThatThrownBy(() -> new DigestCache(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
