package dev.countersign.verify.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {
  static final byte[] ONE = "first block".getBytes(StandardCharsets.US_ASCII);
  static final byte[] TWO = {0, 1, 2, (byte) 0xfe, (byte) 0xff};

  @Test
  void blocksAreReadInOrderWithTextAroundAndBetween() throws Exception {
    String text =
        "leading text\n"
            + Pem.encode("CERTIFICATE", ONE)
            + "between\r\n"
            + Pem.encode("PUBLIC KEY", TWO).replace("\n", "\r\n")
            + "trailing";
    List<Pem.Block> blocks = Pem.all(text);
    assertThat(blocks).extracting(Pem.Block::type).containsExactly("CERTIFICATE", "PUBLIC KEY");
    assertThat(blocks.get(0).der()).isEqualTo(ONE);
    assertThat(blocks.get(1).der()).isEqualTo(TWO);
    assertThat(Pem.first(text).orElseThrow().der()).isEqualTo(ONE);
  }

  @Test
  void aBlockEndsOnlyAtTheEndLineOfItsOwnType() throws Exception {
    String mismatched = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END PUBLIC KEY-----\n";
    assertThat(Pem.all(mismatched)).isEmpty();
    // A broken block does not hide a well-formed one after it.
    assertThat(Pem.all(mismatched + Pem.encode("PUBLIC KEY", TWO)))
        .singleElement()
        .satisfies(b -> assertThat(b.der()).isEqualTo(TWO));
  }

  @Test
  void bodiesWithOtherCharactersOrLowerCaseTypesAreNotBlocks() throws Exception {
    assertThat(Pem.all("-----BEGIN CERTIFICATE-----\nAA*A\n-----END CERTIFICATE-----")).isEmpty();
    assertThat(Pem.all("-----BEGIN certificate-----\nAAAA\n-----END certificate-----")).isEmpty();
    assertThat(Pem.all("-----BEGIN CERTIFICATE-----\nAAAA\n")).isEmpty();
    assertThat(Pem.all("no pem here")).isEmpty();
    assertThat(Pem.first("")).isEmpty();
  }

  @Test
  void invalidBase64InAWellFormedBlockIsAnError() {
    assertThatThrownBy(() -> Pem.all("-----BEGIN PUBLIC KEY-----\nAA=A\n-----END PUBLIC KEY-----"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("PUBLIC KEY");
  }
}
