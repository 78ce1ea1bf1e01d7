package dev.countersign.verify.bundle;

import java.util.List;

/** What identifies the signer in a bundle: a certificate (chain) or a hint naming a public key. */
public sealed interface VerificationMaterial {

  /**
   * X.509 certificates, the signing (leaf) certificate first.
   *
   * @param certificates DER certificates
   * @param fromChainField true for the v0.1/v0.2 {@code x509CertificateChain} field, false for the
   *     v0.3 single {@code certificate} field
   */
  record Certificates(List<byte[]> certificates, boolean fromChainField)
      implements VerificationMaterial {
    public Certificates {
      certificates = certificates.stream().map(byte[]::clone).toList();
    }

    /** The signing certificate. */
    public byte[] leaf() {
      return certificates.get(0).clone();
    }
  }

  /** A public key known to the verifier out of band; the hint may be empty. */
  record PublicKeyHint(String hint) implements VerificationMaterial {
    public PublicKeyHint {
      hint = hint == null ? "" : hint;
    }
  }
}
