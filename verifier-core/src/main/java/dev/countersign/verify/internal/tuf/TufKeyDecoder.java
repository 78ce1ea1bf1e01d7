package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.internal.crypto.KeyAlgorithm;
import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.PublicKeys;
import dev.countersign.verify.internal.crypto.VerificationKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Decodes {@code keyval.public} of a TUF key. Current repositories write PEM SubjectPublicKeyInfo
 * (ECDSA, RSA) or 32 hex-encoded bytes (Ed25519). Sigstore roots up to version 4 (go-tuf era) wrote
 * ECDSA keys hex-encoded, as a DER SubjectPublicKeyInfo, an uncompressed point or hex of the PEM
 * text; all of these are accepted so that an old pinned root can still start a rotation chain.
 */
final class TufKeyDecoder {
  private static final String PEM_START = "-----BEGIN";

  private TufKeyDecoder() {}

  static VerificationKey decode(TufScheme scheme, String publicValue) throws KeyFormatException {
    VerificationKey key;
    if (publicValue.contains(PEM_START)) {
      key = PublicKeys.fromPem(publicValue);
    } else {
      key = fromHex(scheme, publicValue);
    }
    if (key.algorithm() != scheme.keyAlgorithm()) {
      throw new KeyFormatException(
          "key is "
              + key.algorithm()
              + " but scheme "
              + scheme.id()
              + " needs "
              + scheme.keyAlgorithm());
    }
    return key;
  }

  private static VerificationKey fromHex(TufScheme scheme, String publicValue)
      throws KeyFormatException {
    byte[] raw;
    try {
      raw = HexFormat.of().parseHex(publicValue.trim());
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("public key is neither PEM nor hex");
    }
    if (raw.length == 0) {
      throw new KeyFormatException("public key is empty");
    }
    String asText = new String(raw, StandardCharsets.US_ASCII);
    if (asText.startsWith(PEM_START)) {
      return PublicKeys.fromPem(asText);
    }
    KeyAlgorithm algorithm = scheme.keyAlgorithm();
    // Before the DER test: a raw Ed25519 key is random bytes and one in 256 begins with 0x30, the
    // first byte of a DER SEQUENCE; a DER SubjectPublicKeyInfo of Ed25519 is 44 bytes, never 32.
    if (algorithm == KeyAlgorithm.ED25519 && raw.length == 32) {
      return PublicKeys.fromSpki(
          spki(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw));
    }
    if (raw[0] == 0x30) {
      return PublicKeys.fromSpki(raw);
    }
    if (algorithm == KeyAlgorithm.ECDSA_P256 && raw.length == 65 && raw[0] == 0x04) {
      return PublicKeys.fromSpki(ecSpki(SECObjectIdentifiers.secp256r1, raw));
    }
    if (algorithm == KeyAlgorithm.ECDSA_P384 && raw.length == 97 && raw[0] == 0x04) {
      return PublicKeys.fromSpki(ecSpki(SECObjectIdentifiers.secp384r1, raw));
    }
    throw new KeyFormatException(
        "hex public key of " + raw.length + " bytes is not a valid " + scheme.id() + " key");
  }

  private static byte[] ecSpki(ASN1ObjectIdentifier curve, byte[] point) throws KeyFormatException {
    return spki(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), point);
  }

  private static byte[] spki(AlgorithmIdentifier algorithm, byte[] keyData)
      throws KeyFormatException {
    try {
      return new SubjectPublicKeyInfo(algorithm, keyData).getEncoded("DER");
    } catch (IOException e) {
      throw new KeyFormatException("cannot encode public key: " + e.getMessage(), e);
    }
  }
}
