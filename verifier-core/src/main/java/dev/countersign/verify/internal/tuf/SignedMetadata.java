package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.trust.TrustRootException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The envelope every TUF metadata file shares: the {@code signed} object (and its canonical bytes,
 * which the signatures cover), the signatures, and the common fields {@code _type}, {@code
 * spec_version}, {@code version} and {@code expires}.
 *
 * @param source the file, for messages
 * @param type the role type, already checked against the expected one
 * @param version the metadata version, at least 1
 * @param expires when the metadata stops being trustworthy
 * @param signed the {@code signed} object
 * @param canonicalSigned the canonical JSON bytes of {@code signed}
 * @param signatures the signatures as listed
 */
record SignedMetadata(
    String source,
    String type,
    long version,
    Instant expires,
    JsonNode signed,
    byte[] canonicalSigned,
    List<TufSignature> signatures) {

  /** Spec versions 1.x; a new major version may change what signatures and fields mean. */
  private static final Pattern SPEC_VERSION = Pattern.compile("1\\.[0-9]+(\\.[0-9]+)?");

  SignedMetadata {
    canonicalSigned = canonicalSigned.clone();
    signatures = List.copyOf(signatures);
  }

  @Override
  public byte[] canonicalSigned() {
    return canonicalSigned.clone();
  }

  static SignedMetadata parse(byte[] bytes, String source, String expectedType) {
    try {
      JsonNode doc = Json.parseObject(bytes, "TUF metadata");
      JsonNode signed = TufFields.object(doc, "signed", "");
      List<TufSignature> signatures =
          TufSignature.parseAll(TufFields.array(doc, "signatures", ""), "signatures");
      String type = TufFields.text(signed, "_type", "signed");
      if (!expectedType.equals(type)) {
        throw new TrustRootException(
            source + ": expected TUF " + expectedType + " metadata but _type is '" + type + "'");
      }
      String specVersion = TufFields.text(signed, "spec_version", "signed");
      if (!SPEC_VERSION.matcher(specVersion).matches()) {
        throw new TrustRootException(
            source
                + ": "
                + type
                + " metadata has unsupported spec_version '"
                + specVersion
                + "' (this client implements TUF 1.x)");
      }
      long version = TufFields.integer(signed, "version", "signed", 1);
      Instant expires = TufFields.instant(signed, "expires", "signed");
      byte[] canonical = CanonicalJson.encode(signed);
      return new SignedMetadata(source, type, version, expires, signed, canonical, signatures);
    } catch (JsonFormatException e) {
      throw malformed(source, expectedType, e);
    }
  }

  static TrustRootException malformed(String source, String type, JsonFormatException e) {
    return new TrustRootException(
        source + ": malformed TUF " + type + " metadata: " + e.getMessage(), e);
  }

  /**
   * Freeze-attack check (TUF 5.3.10, 5.4.4, 5.5.6, 5.6.5): metadata must expire strictly after the
   * fixed update start time.
   */
  void requireNotExpired(Instant now) {
    if (!expires.isAfter(now)) {
      throw new TrustRootException(
          source
              + ": "
              + type
              + " metadata version "
              + version
              + " expired at "
              + expires
              + " (checked at "
              + now
              + "); refresh the mirror, since stale metadata cannot be told apart from a freeze"
              + " attack");
    }
  }

  /** Short description for messages, e.g. {@code snapshot metadata version 4}. */
  String describe() {
    return type + " metadata version " + version;
  }
}
