package dev.countersign.verify.bundle;

import java.util.Optional;

/**
 * A signature over an artifact's bytes (hashedrekord).
 *
 * @param digestAlgorithm the bundle's stated digest algorithm (sha256, sha384, sha512), if given
 * @param digest the bundle's stated artifact digest, if given (informational: the verifier computes
 *     the artifact's digest itself)
 * @param signature the signature bytes
 */
public record MessageSignature(
    Optional<String> digestAlgorithm, Optional<byte[]> digest, byte[] signature)
    implements SignedContent {
  public MessageSignature {
    digest = digest.map(byte[]::clone);
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }
}
