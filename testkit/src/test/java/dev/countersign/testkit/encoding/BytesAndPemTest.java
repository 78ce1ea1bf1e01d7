package dev.countersign.testkit.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The byte-string value type and the PEM layout Rekor entries embed. */
class BytesAndPemTest {

  @Test
  void bytesAreValuesWithBase64AndHexForms() {
    Bytes bytes = Bytes.fromHex("00ff10");
    assertThat(bytes)
        .isEqualTo(Bytes.fromBase64("AP8Q"))
        .hasSameHashCodeAs(Bytes.of(new byte[] {0, -1, 16}));
    assertThat(bytes.base64()).isEqualTo("AP8Q");
    assertThat(bytes.hex()).isEqualTo("00ff10");
    assertThat(bytes.concat(Bytes.utf8("A")).hex()).isEqualTo("00ff1041");
    assertThat(bytes.slice(1, 3).hex()).isEqualTo("ff10");
    assertThat(bytes.withBitFlipped(-1).hex()).isEqualTo("00ff11");
    assertThat(bytes.withBitFlipped(0).hex()).isEqualTo("01ff10");
    byte[] copy = bytes.toByteArray();
    copy[0] = 9;
    assertThat(bytes.byteAt(0)).isZero();
  }

  @Test
  void pemUsesSixtyFourColumnLinesAndATrailingNewline() {
    byte[] der = new byte[60];
    String pem = Pem.encode("CERTIFICATE", der);
    String[] lines = pem.split("\n", -1);
    assertThat(lines[0]).isEqualTo("-----BEGIN CERTIFICATE-----");
    assertThat(lines[1]).hasSize(64);
    assertThat(lines[2]).hasSize(80 - 64);
    assertThat(lines[3]).isEqualTo("-----END CERTIFICATE-----");
    assertThat(lines[4]).isEmpty();
  }
}
