package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.respool.testkit.suite.ResponseOp.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScriptShrinkerTest {

  private static final List<ResponseOp> OPS =
      IntStream.range(0, 20).mapToObj(i -> ResponseOp.of(Kind.WRITE_BYTE, i)).toList();

  @Test
  void keepsOnlyTheOperationsTheDifferenceNeeds() throws Exception {
    ScriptShrinker.Shrunk shrunk = ScriptShrinker.shrink(
        OPS,
        ops -> ops.contains(OPS.get(3)) && ops.contains(OPS.get(17)),
        100,
        Duration.ofMinutes(1));

    assertThat(shrunk.ops()).containsExactly(OPS.get(3), OPS.get(17));
  }

  @Test
  void stopsAfterTheMostChecksAllowed() throws Exception {
    List<List<ResponseOp>> tried = new ArrayList<>();

    ScriptShrinker.Shrunk shrunk = ScriptShrinker.shrink(
        OPS,
        ops -> {
          tried.add(ops);
          return ops.contains(OPS.get(3)) && ops.contains(OPS.get(17));
        },
        5,
        Duration.ofMinutes(1));

    assertThat(tried).hasSize(5);
    assertThat(shrunk.checks()).isEqualTo(5);
    assertThat(shrunk.ops()).contains(OPS.get(3), OPS.get(17));
  }

  @Test
  void aDifferenceWithoutAnyOperationShrinksToNone() throws Exception {
    ScriptShrinker.Shrunk shrunk =
        ScriptShrinker.shrink(OPS, ops -> true, 100, Duration.ofMinutes(1));

    assertThat(shrunk.ops()).isEmpty();
  }
}
