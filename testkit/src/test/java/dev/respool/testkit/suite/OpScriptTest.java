package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.respool.testkit.suite.ResponseOp.Kind;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OpScriptTest {

  @Test
  void theSameSeedGivesTheSameOperationsForEveryMethod() {
    for (long seed = 0; seed < 50; seed++) {
      OpScript get = OpScript.random(seed, "GET");
      OpScript head = OpScript.random(seed, "HEAD");

      assertThat(OpScript.random(seed, "GET")).isEqualTo(get);
      assertThat(head.ops()).isEqualTo(get.ops());
      assertThat(head.dispatch()).isEqualTo(get.dispatch());
    }
  }

  @Test
  void everyScriptSurvivesItsQueryString() {
    LongStream.range(0, 500).mapToObj(seed -> OpScript.random(seed, "GET")).forEach(script -> {
      String codes = script.query().substring(script.query().indexOf("&ops=") + 5);

      assertThat(OpScript.parseOps(codes)).isEqualTo(script.ops());
      assertThat(codes).matches("[A-Za-z0-9._-]*");
    });
  }

  @Test
  void theSeedsDrawEveryKindOfOperationAndEveryDispatch() {
    List<OpScript> scripts =
        LongStream.range(0, 200).mapToObj(seed -> OpScript.random(seed, "GET")).toList();

    assertThat(scripts.stream().flatMap(s -> s.ops().stream()).map(ResponseOp::kind))
        .contains(Kind.values());
    assertThat(scripts.stream().map(OpScript::dispatch)).contains(OpScript.Dispatch.values());
  }

  @Test
  void aSliceIsWrittenFromAnOffsetInsideALongerArray() {
    ResponseOp op = ResponseOp.parse("w300.1");

    assertThat(op).isEqualTo(new ResponseOp(Kind.WRITE_SLICE, 300, 1));
    assertThat(op.text()).isEqualTo("write(300 bytes @1)");
    assertThat(ResponseOp.slice(300, 1)).hasSize(304);
  }

  @Test
  void reportsShowEachOperationReadably() {
    OpScript script = new OpScript(
        "HEAD",
        OpScript.Dispatch.LISTENER,
        OpScript.parseOps("w3.1_u_r_x404_y500.0_d1_h0.1_p1.2_j-7"));

    assertThat(script.toString())
        .isEqualTo("HEAD, listener: write(3 bytes @1) | flushBuffer | reset | sendError(404)"
            + " | sendError(500, \"nope\") | sendRedirect(\"next?x=1\")"
            + " | setHeader(\"X-Fidelity\", \"b c\") | writer.print(\"caf\u00e9\" x2)"
            + " | stream.println(-7)");
  }

  @Test
  void rejectsAnUnknownCodeOrAWrongNumberOfArguments() {
    assertThatThrownBy(() -> ResponseOp.parse("?1")).hasMessageContaining("'?'");
    assertThatThrownBy(() -> ResponseOp.parse("w3")).hasMessageContaining("takes 2");
    assertThatThrownBy(() -> ResponseOp.parse("u1")).hasMessageContaining("takes 0");
  }
}
