package dev.countersign.testkit.bundle;

import dev.countersign.testkit.dsse.DsseEnvelope;
import java.util.function.UnaryOperator;

/**
 * A Sigstore bundle. Exactly one of {@code messageSignature} and {@code dsseEnvelope} is normally
 * set.
 *
 * @param mediaType the bundle media type (any string, so tests can write unknown ones)
 * @param verificationMaterial key material, tlog entries and timestamps
 * @param messageSignature the signature over an artifact, or null
 * @param dsseEnvelope the signed DSSE envelope, or null
 */
public record Bundle(
    String mediaType,
    VerificationMaterial verificationMaterial,
    MessageSignature messageSignature,
    DsseEnvelope dsseEnvelope) {

  /** A copy with a different media type. */
  public Bundle withMediaType(String newMediaType) {
    return new Bundle(newMediaType, verificationMaterial, messageSignature, dsseEnvelope);
  }

  /** A copy with transformed verification material. */
  public Bundle withVerificationMaterial(UnaryOperator<VerificationMaterial> change) {
    return new Bundle(
        mediaType, change.apply(verificationMaterial), messageSignature, dsseEnvelope);
  }

  /** A copy with a different message signature (and no DSSE envelope). */
  public Bundle withMessageSignature(MessageSignature newMessageSignature) {
    return new Bundle(mediaType, verificationMaterial, newMessageSignature, null);
  }

  /** A copy with a different DSSE envelope (and no message signature). */
  public Bundle withDsseEnvelope(DsseEnvelope newEnvelope) {
    return new Bundle(mediaType, verificationMaterial, null, newEnvelope);
  }

  /** A copy whose first tlog entry is transformed, the common case for tampering. */
  public Bundle withFirstTlogEntry(UnaryOperator<TlogEntry> change) {
    return withVerificationMaterial(m -> m.withTlogEntry(0, change));
  }
}
