package dev.countersign.admission.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A TLS server identity from PEM files as cert-manager and {@code openssl} write them: the
 * certificate chain (leaf first) and an unencrypted private key in PKCS#8 ({@code BEGIN PRIVATE
 * KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}) form. The
 * key must belong to the leaf certificate: that is checked by signing with one and verifying with
 * the other, so a half-rotated pair is refused instead of failing every handshake.
 */
public record PemKeyMaterial(KeyStore keyStore, String password, X509Certificate leaf) {

  static final String ALIAS = "webhook";

  /**
   * @throws TlsMaterialException naming the file and what is wrong with it
   */
  public static PemKeyMaterial load(Path certificateFile, Path keyFile) {
    List<X509Certificate> chain = certificates(certificateFile);
    PrivateKey key = privateKey(keyFile);
    X509Certificate leaf = chain.get(0);
    if (!matches(key, leaf)) {
      throw new TlsMaterialException(
          keyFile
              + ": the private key does not belong to the first certificate of "
              + certificateFile);
    }
    try {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      String password = java.util.Base64.getEncoder().encodeToString(random);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(ALIAS, key, password.toCharArray(), chain.toArray(Certificate[]::new));
      return new PemKeyMaterial(ks, password, leaf);
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsMaterialException("cannot build a key store: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
    } catch (IOException e) {
      throw new TlsMaterialException(
          "cannot read TLS certificate " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new TlsMaterialException(file + ": not a PEM certificate chain: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new TlsMaterialException(file + ": no certificate found");
    }
    return out;
  }

  private static PrivateKey privateKey(Path file) {
    Object parsed;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      parsed = p.readObject();
      // A key file may start with EC parameters (openssl ecparam -genkey): skip to the key.
      while (parsed instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier
          || parsed instanceof org.bouncycastle.asn1.x9.X9ECParameters) {
        parsed = p.readObject();
      }
    } catch (IOException | RuntimeException e) {
      throw new TlsMaterialException(
          "cannot read TLS private key " + file + ": " + e.getMessage(), e);
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (parsed instanceof PEMKeyPair kp) {
        // SEC1 keys may omit the public key, so only the private half is converted.
        return converter.getPrivateKey(kp.getPrivateKeyInfo());
      }
      if (parsed instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
    } catch (IOException e) {
      throw new TlsMaterialException(file + ": unsupported private key: " + e.getMessage(), e);
    }
    if (parsed instanceof PEMEncryptedKeyPair || parsed instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new TlsMaterialException(
          file + ": the private key is encrypted; mount it unencrypted (as cert-manager does)");
    }
    throw new TlsMaterialException(
        file
            + ": no private key found (expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC"
            + " PRIVATE KEY)");
  }

  private static boolean matches(PrivateKey key, X509Certificate leaf) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC", "ECDSA" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      throw new TlsMaterialException("unsupported TLS key algorithm " + key.getAlgorithm());
    }
    try {
      byte[] probe = "countersign webhook key check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(algorithm);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(algorithm);
      v.initVerify(leaf.getPublicKey());
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
