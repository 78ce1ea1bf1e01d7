package dev.countersign.testkit.oci.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

/**
 * Compact JWS signing as the Docker token specification uses it, and libtrust key IDs, which
 * distribution 2.8 matches a token's {@code kid} against.
 */
final class RegistryJwt {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private RegistryJwt() {}

  /** {@code base64url(header).base64url(claims).base64url(signature)}. */
  static String sign(ObjectNode header, ObjectNode claims, TestKeyPair key) {
    String signingInput = encode(Json.compact(header)) + "." + encode(Json.compact(claims));
    try {
      // JWS ES256 wants the raw r||s pair (IEEE P1363), not DER.
      Signature signature =
          Signature.getInstance(
              key.algorithm().isEcdsa() ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
      signature.initSign(key.privateKey());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput
          + "."
          + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
  }

  /** The JWS {@code alg} for {@code key}: ES256 or RS256. */
  static String algorithm(TestKeyPair key) {
    return key.algorithm().isEcdsa() ? "ES256" : "RS256";
  }

  /**
   * libtrust's key ID: the first 240 bits of SHA-256 over the DER SubjectPublicKeyInfo, base32, in
   * twelve colon-separated groups of four.
   */
  static String libtrustKeyId(TestKeyPair key) {
    byte[] hash = HashAlgorithm.SHA2_256.digest(key.spki().toByteArray());
    StringBuilder base32 = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < 30; i++) {
      buffer = (buffer << 8) | (hash[i] & 0xff);
      bits += 8;
      while (bits >= 5) {
        base32.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < base32.length(); i += 4) {
      if (i > 0) {
        id.append(':');
      }
      id.append(base32, i, i + 4);
    }
    return id.toString();
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
