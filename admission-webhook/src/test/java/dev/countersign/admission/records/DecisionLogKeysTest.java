package dev.countersign.admission.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM keys for decision logs: what is read, what is refused, what is written. */
class DecisionLogKeysTest {
  @TempDir Path dir;

  @Test
  void anEd25519KeyPairRoundTripsThroughPem() throws IOException {
    KeyPair pair = DecisionLogKeys.generateEd25519();
    Path priv = dir.resolve("records.key");
    Path pub = dir.resolve("records.pub");
    DecisionLogKeys.writePrivateKey(priv, pair.getPrivate());
    DecisionLogKeys.writePublicKey(pub, pair.getPublic());
    assertThat(Files.readString(priv)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n");
    if (Files.getFileStore(priv).supportsFileAttributeView("posix")) {
      assertThat(Files.getPosixFilePermissions(priv))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    assertThat(DecisionLogKeys.readPrivateKey(priv).getEncoded())
        .isEqualTo(pair.getPrivate().getEncoded());
    assertThat(DecisionLogKeys.readPublicKey(pub).getEncoded())
        .isEqualTo(pair.getPublic().getEncoded());
    assertThat(DecisionLogKeys.publicKeyOf(pair.getPrivate()).getEncoded())
        .isEqualTo(pair.getPublic().getEncoded());
    assertThatThrownBy(() -> DecisionLogKeys.writePrivateKey(priv, pair.getPrivate()))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
  }

  @Test
  void theKeyIdIsTheSha256OfTheSubjectPublicKeyInfo() throws Exception {
    KeyPair pair = DecisionLogKeys.generateEd25519();
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
    assertThat(DecisionLogKeys.keyId(pair.getPublic())).isEqualTo(expected);
  }

  @Test
  void anEcP256KeyIsReadFromPkcs8AndFromSec1() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    String pkcs8 = DecisionLogKeys.toPem(pair.getPrivate());
    assertThat(DecisionLogKeys.parsePrivateKey(pkcs8, "pkcs8").getEncoded())
        .isEqualTo(pair.getPrivate().getEncoded());

    // The SEC1 form `openssl ecparam -genkey` writes.
    BigInteger s = ((ECPrivateKey) pair.getPrivate()).getS();
    byte[] sec1 =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
                256, s, new org.bouncycastle.asn1.x9.X962Parameters(SECObjectIdentifiers.secp256r1))
            .getEncoded();
    String sec1Pem =
        "-----BEGIN EC PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(sec1)
            + "\n-----END EC PRIVATE KEY-----\n";
    assertThat(
            DecisionLogKeys.keyId(
                DecisionLogKeys.publicKeyOf(DecisionLogKeys.parsePrivateKey(sec1Pem, "sec1"))))
        .isEqualTo(DecisionLogKeys.keyId(pair.getPublic()));
  }

  @Test
  void unusableKeysAreRefusedWithTheReason() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    assertThatThrownBy(
            () ->
                DecisionLogKeys.parsePrivateKey(
                    DecisionLogKeys.toPem(rsa.generateKeyPair().getPrivate()), "rsa.pem"))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageStartingWith("rsa.pem: ")
        .hasMessageContaining("Ed25519 or ECDSA P-256");

    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair k384 = p384.generateKeyPair();
    assertThatThrownBy(
            () -> DecisionLogKeys.parsePrivateKey(DecisionLogKeys.toPem(k384.getPrivate()), "p384"))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("P-256");
    assertThatThrownBy(
            () -> DecisionLogKeys.parsePublicKey(DecisionLogKeys.toPem(k384.getPublic()), "p384"))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("P-256");

    java.io.StringWriter encrypted = new java.io.StringWriter();
    try (org.bouncycastle.openssl.jcajce.JcaPEMWriter w =
        new org.bouncycastle.openssl.jcajce.JcaPEMWriter(encrypted)) {
      w.writeObject(
          new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
              DecisionLogKeys.generateEd25519().getPrivate(),
              new org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder(
                      org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                  .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                  .setPassword("secret".toCharArray())
                  .build()));
    }
    assertThat(encrypted.toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThatThrownBy(() -> DecisionLogKeys.parsePrivateKey(encrypted.toString(), "enc.pem"))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageStartingWith("enc.pem: the private key is encrypted");

    assertThatThrownBy(() -> DecisionLogKeys.parsePrivateKey("not a key", "junk.pem"))
        .isInstanceOf(DecisionLogException.class)
        .hasMessage("junk.pem: no PEM block (-----BEGIN ...-----) found");

    KeyPair ed = DecisionLogKeys.generateEd25519();
    assertThatThrownBy(
            () -> DecisionLogKeys.parsePublicKey(DecisionLogKeys.toPem(ed.getPrivate()), "priv"))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("no PEM public key");
    assertThatThrownBy(() -> DecisionLogKeys.readPrivateKey(dir.resolve("missing.pem")))
        .isInstanceOf(DecisionLogException.class)
        .hasMessageContaining("cannot read the key file");
  }
}
