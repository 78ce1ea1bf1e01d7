package dev.countersign.verify.internal.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.tuf.TufCanonicalJson;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** OLPC canonical JSON as securesystemslib writes it; every difference breaks signatures. */
class TufCanonicalJsonTest {

  private static String canonical(String json) throws JsonFormatException {
    JsonNode node = Json.parseObject(json.getBytes(StandardCharsets.UTF_8), "test");
    return new String(CanonicalJson.encode(node), StandardCharsets.UTF_8);
  }

  @Test
  void sortsKeysAndDropsWhitespace() throws Exception {
    assertThat(canonical("{ \"b\" : [ 1 , { \"d\":null, \"c\":true } ],\n \"a\": false }"))
        .isEqualTo("{\"a\":false,\"b\":[1,{\"c\":true,\"d\":null}]}");
  }

  @Test
  void escapesOnlyBackslashAndQuote() throws Exception {
    // securesystemslib: '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'
    assertThat(canonical("{\"k\":\"a\\\\b\\\"c\\n\\t\\u0001\\/\"}"))
        .isEqualTo("{\"k\":\"a\\\\b\\\"c\n\t\u0001/\"}");
  }

  @Test
  void writesNonAsciiAsUtf8() throws Exception {
    byte[] out =
        CanonicalJson.encode(
            Json.parseObject(
                "{\"k\":\"caf\\u00e9 \u4e2d\"}".getBytes(StandardCharsets.UTF_8), "t"));

    assertThat(out).isEqualTo("{\"k\":\"café 中\"}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void ordersKeysByCodePointNotByUtf16Unit() throws Exception {
    // U+FFFF sorts before U+1F600 by code point (and by UTF-8 bytes, as Go orders them), but
    // after it by UTF-16 unit (0xFFFF > 0xD83D), which is what String.compareTo would do.
    assertThat(canonical("{\"\\ud83d\\ude00\":1,\"\\uffff\":2,\"z\":3,\"Z\":4}"))
        .isEqualTo("{\"Z\":4,\"z\":3,\"\uffff\":2,\"\ud83d\ude00\":1}");
  }

  @Test
  void keepsLargeAndNegativeIntegersExact() throws Exception {
    assertThat(canonical("{\"a\":-0,\"b\":123456789012345678901234567890,\"c\":-7}"))
        .isEqualTo("{\"a\":0,\"b\":123456789012345678901234567890,\"c\":-7}");
  }

  @Test
  void refusesNonIntegerNumbers() {
    assertThatThrownBy(() -> canonical("{\"a\":{\"b\":[1.0]}}"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("a.b[0]")
        .hasMessageContaining("only integers");
    assertThatThrownBy(() -> canonical("{\"a\":1e3}")).isInstanceOf(JsonFormatException.class);
  }

  @Test
  void refusesUnpairedSurrogates() {
    assertThatThrownBy(() -> canonical("{\"a\":\"\\ud800x\"}"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("unpaired UTF-16 surrogate");
    assertThatThrownBy(() -> canonical("{\"\\udc00\":1}")).isInstanceOf(JsonFormatException.class);
  }

  @Test
  void agreesWithTheIndependentTestkitEncoder() throws Exception {
    String json =
        "{\"signed\":{\"_type\":\"targets\",\"custom\":{\"\\u00e9\":[true,false,null,-1],"
            + "\"e\\u0301\":\"\\\"q\\\"\",\"\\ud834\\udd1e\":{},\"\\uffff\":[],\"\":\"\\\\\"},"
            + "\"version\":18446744073709551616}}";
    JsonNode node = Json.parseObject(json.getBytes(StandardCharsets.UTF_8), "test");

    assertThat(CanonicalJson.encode(node)).isEqualTo(TufCanonicalJson.encode(node));
  }
}
