package dev.countersign.testkit.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;

/** Every key type signs, verifies and encodes; prehashed signing matches message signing. */
class TestKeyPairTest {
  private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.UTF_8);

  @Test
  void everyAlgorithmSignsAndEncodesItsPublicKey() throws Exception {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      TestKeyPair key = TestKeyPair.generate(algorithm);
      assertThat(key.verify(MESSAGE, key.sign(MESSAGE))).as(algorithm.name()).isTrue();
      assertThat(key.verify("other".getBytes(StandardCharsets.UTF_8), key.sign(MESSAGE))).isFalse();
      String family = algorithm.isEcdsa() ? "EC" : algorithm.isRsa() ? "RSA" : "Ed25519";
      assertThat(
              KeyFactory.getInstance(family)
                  .generatePublic(new X509EncodedKeySpec(key.spki().toByteArray())))
          .isEqualTo(key.publicKey());
      assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    }
  }

  @Test
  void prehashedSignaturesVerifyAsSignaturesOverTheMessage() {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      if (algorithm.isEd25519()) {
        continue;
      }
      TestKeyPair key = TestKeyPair.generate(algorithm);
      for (HashAlgorithm hash : HashAlgorithm.values()) {
        byte[] signature = key.signDigest(hash, hash.digest(MESSAGE));
        assertThat(key.verify(MESSAGE, signature, hash)).as("%s %s", algorithm, hash).isTrue();
      }
    }
    TestKeyPair rsa = TestKeyPair.generate(KeyAlgorithm.RSA_2048);
    assertThat(rsa.signDigest(HashAlgorithm.SHA2_256, HashAlgorithm.SHA2_256.digest(MESSAGE)))
        .isEqualTo(rsa.sign(MESSAGE));
  }

  @Test
  void ed25519HasARawPublicKeyButNoPrehashedForm() {
    TestKeyPair key = TestKeyPair.generate(KeyAlgorithm.ED25519);
    assertThat(key.rawEd25519PublicKey()).hasSize(32);
    assertThat(key.spki().slice(12, 44).toByteArray()).isEqualTo(key.rawEd25519PublicKey());
    assertThatThrownBy(() -> key.signDigest(HashAlgorithm.SHA2_512, new byte[64]))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void keyDetailsUseTheProtobufSpecsNames() {
    assertThat(KeyAlgorithm.ECDSA_P256.keyDetails()).isEqualTo("PKIX_ECDSA_P256_SHA_256");
    assertThat(KeyAlgorithm.ECDSA_P384.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
    assertThat(KeyAlgorithm.ED25519.keyDetails()).isEqualTo("PKIX_ED25519");
    assertThat(KeyAlgorithm.RSA_3072.keyDetails()).isEqualTo("PKIX_RSA_PKCS1V15_3072_SHA256");
  }
}
