package dev.countersign.admission.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.admission.http.TestTls.KeyFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeyMaterialTest {
  @TempDir Path tmp;

  @Test
  void rsaAndEcKeysInPkcs8AndTraditionalFormsAreAccepted() throws Exception {
    for (TestTls tls : new TestTls[] {TestTls.rsa(), TestTls.ec()}) {
      for (KeyFormat f : new KeyFormat[] {KeyFormat.PKCS8, KeyFormat.TRADITIONAL}) {
        Path cert = tls.writeCertificate(tmp.resolve("cert.pem"));
        Path key = tls.writeKey(tmp.resolve("key.pem"), f);
        String header = Files.readString(key).lines().findFirst().orElseThrow();
        assertThat(header)
            .isEqualTo(
                f == KeyFormat.PKCS8
                    ? "-----BEGIN PRIVATE KEY-----"
                    : "-----BEGIN "
                        + (tls.keys().getPublic().getAlgorithm().equals("RSA") ? "RSA" : "EC")
                        + " PRIVATE KEY-----");
        PemKeyMaterial m = PemKeyMaterial.load(cert, key);
        KeyStore ks = m.keyStore();
        assertThat(ks.getCertificate(PemKeyMaterial.ALIAS)).isEqualTo(tls.certificate());
        assertThat(ks.getKey(PemKeyMaterial.ALIAS, m.password().toCharArray())).isNotNull();
      }
    }
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    Path cert = TestTls.ec().writeCertificate(tmp.resolve("cert.pem"));
    Path key = TestTls.ec().writeKey(tmp.resolve("key.pem"), KeyFormat.PKCS8);
    assertThatThrownBy(() -> PemKeyMaterial.load(cert, key))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageContaining("does not belong to the first certificate");
  }

  @Test
  void encryptedMissingAndGarbageKeysAreRefusedWithTheFileName() throws Exception {
    TestTls tls = TestTls.ec();
    Path cert = tls.writeCertificate(tmp.resolve("cert.pem"));
    Path encrypted = tls.writeKey(tmp.resolve("enc.pem"), KeyFormat.ENCRYPTED);
    assertThatThrownBy(() -> PemKeyMaterial.load(cert, encrypted))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageContaining("enc.pem")
        .hasMessageContaining("encrypted");
    Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "hello\n");
    assertThatThrownBy(() -> PemKeyMaterial.load(cert, garbage))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageContaining("garbage.pem");
    assertThatThrownBy(() -> PemKeyMaterial.load(garbage, encrypted))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageContaining("garbage.pem");
    assertThatThrownBy(() -> PemKeyMaterial.load(tmp.resolve("absent.pem"), encrypted))
        .isInstanceOf(TlsMaterialException.class)
        .hasMessageContaining("absent.pem");
  }
}
