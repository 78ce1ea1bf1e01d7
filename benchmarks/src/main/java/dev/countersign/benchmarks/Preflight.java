package dev.countersign.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Checks a verifier before it is measured: a benchmark of a verifier that rejects its input, or
 * that accepts anything, would measure nothing. Each verifier must accept the bundle, and reject it
 * once its signature is altered and when it is presented for another artifact.
 */
public final class Preflight {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Preflight() {}

  public static void check(String name, BundleVerifier verifier, byte[] bundleJson, byte[] sha256) {
    try {
      verifier.verify(bundleJson, sha256);
    } catch (VerificationFailedException e) {
      throw new IllegalStateException(name + " rejects a valid bundle: " + e.getMessage(), e);
    }
    if (verifies(verifier, withAlteredSignature(bundleJson), sha256)) {
      throw new IllegalStateException(name + " accepts a bundle whose signature was altered");
    }
    byte[] otherArtifact = sha256.clone();
    otherArtifact[otherArtifact.length - 1] ^= 1;
    if (verifies(verifier, bundleJson, otherArtifact)) {
      throw new IllegalStateException(name + " accepts a bundle for another artifact");
    }
  }

  private static boolean verifies(BundleVerifier verifier, byte[] bundleJson, byte[] sha256) {
    try {
      verifier.verify(bundleJson, sha256);
      return true;
    } catch (VerificationFailedException | RuntimeException e) {
      return false;
    }
  }

  /** The bundle with one bit of its message signature flipped; everything else untouched. */
  static byte[] withAlteredSignature(byte[] bundleJson) {
    try {
      ObjectNode bundle = (ObjectNode) JSON.readTree(bundleJson);
      ObjectNode ms = (ObjectNode) bundle.get("messageSignature");
      byte[] signature = Base64.getDecoder().decode(ms.get("signature").asText());
      signature[signature.length / 2] ^= 0x01;
      ms.put("signature", Base64.getEncoder().encodeToString(signature));
      return JSON.writeValueAsBytes(bundle);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
