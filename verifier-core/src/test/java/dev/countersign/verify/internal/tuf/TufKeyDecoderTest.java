package dev.countersign.verify.internal.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.crypto.KeyAlgorithm;
import dev.countersign.verify.internal.crypto.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TufKeyDecoderTest {
  static final byte[] MESSAGE = "signed metadata".getBytes(StandardCharsets.UTF_8);

  @Test
  void rawEd25519KeysDecodeWhateverTheirFirstByte() throws Exception {
    // One raw Ed25519 key in 256 begins with 0x30, the first byte of a DER SEQUENCE.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    int found = 0;
    for (int tries = 0; found < 2 && tries < 100_000; tries++) {
      KeyPair pair = generator.generateKeyPair();
      byte[] spki = pair.getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      if (raw[0] != 0x30) {
        continue;
      }
      found++;
      VerificationKey key = TufKeyDecoder.decode(TufScheme.ED25519, HexFormat.of().formatHex(raw));
      assertThat(key.algorithm()).isEqualTo(KeyAlgorithm.ED25519);
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(pair.getPrivate());
      signer.update(MESSAGE);
      assertThat(key.verifyMessage(MESSAGE, HashAlgorithm.SHA2_512, signer.sign())).isTrue();
    }
    assertThat(found).isEqualTo(2);
  }
}
