package dev.respool.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class ObservedTest {

  private static Observed observed(String body, String failure, String... headers) {
    return Observed.of(
        200,
        Headers.of(headers),
        body.getBytes(StandardCharsets.ISO_8859_1),
        failure,
        List.of("write(3 bytes @1) -> ok"),
        8080);
  }

  @Test
  void theDateAndThePortOfTheServerAreNotDifferences() {
    String location = "http://127.0.0.1:8080/x";
    Observed plain =
        observed("see http://127.0.0.1:8080/app", null, "Date", "Mon", "Location", location);
    Observed guarded = Observed.of(
        200,
        Headers.of("date", "Tue", "location", "http://127.0.0.1:9090/x"),
        "see http://127.0.0.1:9090/app".getBytes(StandardCharsets.ISO_8859_1),
        null,
        List.of("write(3 bytes @1) -> ok"),
        9090);

    assertThat(Observed.differences(plain, guarded)).isEmpty();
  }

  @Test
  void headersAreComparedByNameWithTheirValuesInOrder() {
    Observed plain = observed("", null, "X-A", "1", "X-A", "2");
    Observed guarded = observed("", null, "x-a", "2", "x-a", "1");

    assertThat(Observed.differences(plain, guarded))
        .containsExactly("header x-a: [1, 2] without the filter, [2, 1] with it");
  }

  @Test
  void twoBodiesCutByTheSameFailureAgreeWhereOneStartsTheOther() {
    String reset = "okhttp3.internal.http2.StreamResetException";

    assertThat(Observed.differences(observed("abc", reset), observed("abcdef", reset)))
        .isEmpty();
    assertThat(Observed.differences(observed("abc", reset), observed("abX", reset)))
        .singleElement()
        .asString()
        .startsWith("body: 3 bytes without the filter, 3 with it; they differ from byte 2");
  }

  @Test
  void aCompleteBodyMustMatchToItsLastByte() {
    assertThat(Observed.differences(observed("abc", null), observed("abcd", null)))
        .singleElement()
        .asString()
        .contains("differ from byte 3");
  }

  @Test
  void theServersRecordsAreComparedLineByLine() {
    Observed plain = observed("", null);
    Observed guarded = new Observed(
        200, plain.headers(), plain.body(), null, List.of("write(3 bytes @1) -> x.Failure"));

    assertThat(Observed.differences(plain, guarded))
        .containsExactly("server, operation 1: 'write(3 bytes @1) -> ok' without the filter,"
            + " 'write(3 bytes @1) -> x.Failure' with it");
  }
}
