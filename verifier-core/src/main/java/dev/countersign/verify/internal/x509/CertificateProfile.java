package dev.countersign.verify.internal.x509;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** What the end-entity certificate of a path must be allowed to do. */
public enum CertificateProfile {
  /** Fulcio signing certificates: digitalSignature, EKU codeSigning, not a CA. */
  CODE_SIGNING(KeyPurposeId.id_kp_codeSigning),
  /** Timestamp authority certificates: EKU timeStamping, not a CA. */
  TIME_STAMPING(KeyPurposeId.id_kp_timeStamping);

  private final KeyPurposeId purpose;

  CertificateProfile(KeyPurposeId purpose) {
    this.purpose = purpose;
  }

  KeyPurposeId purpose() {
    return purpose;
  }
}
