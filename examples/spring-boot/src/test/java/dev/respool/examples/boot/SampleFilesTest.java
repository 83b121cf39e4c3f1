package dev.respool.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleFilesTest {

  @Test
  void samplesAreTheSameOnEveryStartAndGoAwayAtClose() throws Exception {
    FileDigests first = new FileDigests();
    FileDigests second = new FileDigests();
    FileStore one = SampleFiles.create(first);
    FileStore two = SampleFiles.create(second);
    try {
      assertThat(one.list())
          .containsExactlyInAnyOrderElementsOf(SampleFiles.SAMPLES.stream()
              .map(sample -> new FileStore.Entry(sample.name(), sample.size()))
              .toList());
      for (SampleFiles.Sample sample : SampleFiles.SAMPLES) {
        Path a = one.root().resolve(sample.name());
        Path b = two.root().resolve(sample.name());
        String remembered = first.reprDigest(a, Files.size(a), Files.getLastModifiedTime(a));
        assertThat(remembered)
            .isEqualTo(FileDigests.format(Fetch.sha256(a)))
            .isEqualTo(second.reprDigest(b, Files.size(b), Files.getLastModifiedTime(b)));
      }
    } finally {
      one.close();
      two.close();
    }

    assertThat(one.root()).doesNotExist();
    assertThat(two.root()).doesNotExist();
  }
}
