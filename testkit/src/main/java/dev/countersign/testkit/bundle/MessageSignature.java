package dev.countersign.testkit.bundle;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;

/**
 * The {@code messageSignature} content of a bundle.
 *
 * @param digestAlgorithm the algorithm of {@code digest}
 * @param digest the artifact's digest
 * @param signature the signature over the artifact
 */
public record MessageSignature(HashAlgorithm digestAlgorithm, Bytes digest, Bytes signature) {

  /** A copy with a different digest. */
  public MessageSignature withDigest(Bytes newDigest) {
    return new MessageSignature(digestAlgorithm, newDigest, signature);
  }

  /** A copy with a different signature. */
  public MessageSignature withSignature(Bytes newSignature) {
    return new MessageSignature(digestAlgorithm, digest, newSignature);
  }
}
