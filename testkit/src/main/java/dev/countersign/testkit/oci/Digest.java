package dev.countersign.testkit.oci;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;
import java.util.regex.Pattern;

/**
 * A content digest, {@code <algorithm>:<lowercase hex>}, and the tags derived from it.
 *
 * @param algorithm {@code sha256} or {@code sha512}
 * @param hex the lowercase hexadecimal digest
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

  public Digest {
    Pattern shape =
        switch (algorithm) {
          case "sha256" -> SHA256;
          case "sha512" -> SHA512;
          default ->
              throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
    if (!shape.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a " + algorithm + " digest: " + hex);
    }
  }

  /** The SHA-256 digest of {@code content}. */
  public static Digest sha256(byte[] content) {
    return new Digest("sha256", Bytes.of(HashAlgorithm.SHA2_256.digest(content)).hex());
  }

  /** The SHA-256 digest of {@code content}. */
  public static Digest sha256(Bytes content) {
    return sha256(content.toByteArray());
  }

  /** Parses {@code sha256:<hex>} (or sha512). */
  public static Digest parse(String value) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("digest without algorithm: " + value);
    }
    return new Digest(value.substring(0, colon), value.substring(colon + 1));
  }

  /** The digest bytes. */
  public Bytes bytes() {
    return Bytes.fromHex(hex);
  }

  /** The referrers tag schema tag, {@code sha256-<hex>}, also the base of cosign's tags. */
  public String referrersTag() {
    return algorithm + "-" + hex;
  }

  /** cosign's signature tag, {@code sha256-<hex>.sig}. */
  public String signatureTag() {
    return referrersTag() + ".sig";
  }

  /** cosign's attestation tag, {@code sha256-<hex>.att}. */
  public String attestationTag() {
    return referrersTag() + ".att";
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
