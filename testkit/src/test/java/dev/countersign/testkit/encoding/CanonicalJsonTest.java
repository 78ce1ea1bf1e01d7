package dev.countersign.testkit.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 8785 canonicalization, against the RFC's own examples where it gives them. */
class CanonicalJsonTest {

  @Test
  void sortsMembersByUtf16CodeUnitsAsRfc8785Section3_2_3Shows() {
    String input =
        "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet"
            + " With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\","
            + "\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
    String canonical = CanonicalJson.canonicalString(Json.parse(input));
    assertThat(canonical)
        .isEqualTo(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin"
                + " Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji:"
                + " Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void escapesOnlyWhatEcmascriptEscapes() {
    ObjectNode node = Json.object();
    node.put("s", "quote\" backslash\\ nl\n tab\t bell\u0007 del\u007f slash/ euro€ ls\u2028");
    assertThat(new String(CanonicalJson.canonicalize(node), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"s\":\"quote\\\" backslash\\\\ nl\\n tab\\t bell\\u0007 del\u007f slash/ euro€"
                + " ls\u2028\"}");
  }

  @Test
  void writesNestedValuesWithoutWhitespaceAndSortsEveryLevel() {
    String input = "{ \"b\": [1, true, null, {\"z\": 1, \"a\": \"x\"}], \"a\": -0, \"c\": 1.0 }";
    assertThat(CanonicalJson.canonicalString(Json.parse(input)))
        .isEqualTo("{\"a\":0,\"b\":[1,true,null,{\"a\":\"x\",\"z\":1}],\"c\":1}");
  }

  @Test
  void writesTheRekorSignedEntryTimestampPayloadInRekorsOrder() {
    ObjectNode payload = Json.object();
    payload.put("logIndex", 25579);
    payload.put("logID", "c0d23d6a");
    payload.put("integratedTime", 1667957590L);
    payload.put("body", "eyJ9");
    assertThat(CanonicalJson.canonicalString(payload))
        .isEqualTo(
            "{\"body\":\"eyJ9\",\"integratedTime\":1667957590,\"logID\":\"c0d23d6a\","
                + "\"logIndex\":25579}");
  }

  @Test
  void refusesNumbersItCannotWriteExactly() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize(Json.parse("{\"x\":1.5}")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalJson.canonicalize(Json.parse("1e21")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CanonicalJson.canonicalString(Json.parse("999999999999999999999")))
        .isEqualTo("999999999999999999999");
  }

  @Test
  void refusesLoneSurrogates() {
    ObjectNode node = Json.object();
    node.put("s", "\ud800");
    assertThatThrownBy(() -> CanonicalJson.canonicalize(node))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
