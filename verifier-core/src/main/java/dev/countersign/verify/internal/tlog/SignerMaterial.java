package dev.countersign.verify.internal.tlog;

import java.security.MessageDigest;

/**
 * What signed, as a log entry records it: the signing certificate (keyless) or the public key.
 *
 * @param certificateDer the leaf certificate DER, or null for key-based signatures
 * @param spki the signing key's DER SubjectPublicKeyInfo
 */
public record SignerMaterial(byte[] certificateDer, byte[] spki) {
  public boolean isCertificate() {
    return certificateDer != null;
  }

  boolean sameCertificate(byte[] der) {
    return certificateDer != null && MessageDigest.isEqual(certificateDer, der);
  }

  boolean sameKey(byte[] otherSpki) {
    return MessageDigest.isEqual(spki, otherSpki);
  }
}
