package dev.countersign.verify.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.Digest;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.util.Optional;
import java.util.Set;

/**
 * The payload a cosign image signature signs: which manifest digest it vouches for, and the image
 * name the signer gave.
 *
 * @param manifestDigest {@code critical.image.docker-manifest-digest}
 * @param dockerReference {@code critical.identity.docker-reference}, if given
 * @param type {@code critical.type}
 */
public record SimpleSigningPayload(
    Digest manifestDigest, Optional<String> dockerReference, String type) {
  /** The types cosign writes: classic, and the cosign v3 predicate type. */
  static final Set<String> TYPES =
      Set.of(
          "cosign container image signature",
          "atomic container signature",
          OciMediaTypes.COSIGN_SIGN_PREDICATE);

  public static SimpleSigningPayload parse(byte[] json) throws JsonFormatException {
    JsonNode root = Json.parseObject(json, "simple signing payload");
    JsonNode critical = Json.object(root, "critical", "");
    String type = Json.string(critical, "type", "critical");
    if (!TYPES.contains(type)) {
      throw new JsonFormatException(
          "critical.type", "unknown signature payload type '" + type + "'");
    }
    JsonNode image = Json.object(critical, "image", "critical");
    String d = Json.string(image, "docker-manifest-digest", "critical.image");
    Digest digest =
        Digest.tryParse(d)
            .orElseThrow(
                () ->
                    new JsonFormatException(
                        "critical.image.docker-manifest-digest", "not a digest: " + d));
    JsonNode identity = Json.optionalObject(critical, "identity", "critical");
    Optional<String> ref =
        identity == null
            ? Optional.empty()
            : Optional.ofNullable(
                Json.optionalString(identity, "docker-reference", "critical.identity"));
    return new SimpleSigningPayload(digest, ref, type);
  }
}
