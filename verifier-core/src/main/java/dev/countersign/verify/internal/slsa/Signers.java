package dev.countersign.verify.internal.slsa;

import dev.countersign.verify.internal.x509.SignerIdentity;
import dev.countersign.verify.slsa.ProvenanceSigner;

/** Adapts the verified certificate identity to the provenance checks' view of it. */
public final class Signers {
  private Signers() {}

  /** The signer of provenance whose certificate identity has been verified. */
  public static ProvenanceSigner of(SignerIdentity identity) {
    return new ProvenanceSigner(
        identity.subjectAlternativeName(), identity.issuer(), identity.extensions());
  }
}
