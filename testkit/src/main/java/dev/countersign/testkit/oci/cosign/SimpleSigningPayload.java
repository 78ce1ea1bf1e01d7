package dev.countersign.testkit.oci.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.OciJson;

/**
 * The payload a classic cosign signature signs: the "simple signing" JSON naming the image by
 * manifest digest.
 *
 * @param dockerReference {@code critical.identity.docker-reference}, the repository signed
 * @param manifestDigest {@code critical.image.docker-manifest-digest}
 * @param type {@code critical.type}, normally {@link #COSIGN_TYPE}
 * @param optional the {@code optional} object (annotations given with {@code -a}), or null
 */
public record SimpleSigningPayload(
    String dockerReference, Digest manifestDigest, String type, JsonNode optional) {

  /** The {@code critical.type} cosign writes. */
  public static final String COSIGN_TYPE = "cosign container image signature";

  /** cosign's payload for {@code dockerReference} at {@code manifestDigest}, no optional claims. */
  public static SimpleSigningPayload of(String dockerReference, Digest manifestDigest) {
    return new SimpleSigningPayload(dockerReference, manifestDigest, COSIGN_TYPE, null);
  }

  /** A copy with optional claims. */
  public SimpleSigningPayload withOptional(JsonNode newOptional) {
    return new SimpleSigningPayload(dockerReference, manifestDigest, type, newOptional);
  }

  /** A copy naming another digest (for a payload that does not match the image). */
  public SimpleSigningPayload withManifestDigest(Digest newDigest) {
    return new SimpleSigningPayload(dockerReference, newDigest, type, optional);
  }

  /**
   * The exact bytes cosign signs: compact Go JSON, {@code optional} written as {@code null} when
   * absent and with its keys sorted (it is a Go map) when present.
   */
  public Bytes toBytes() {
    ObjectNode root = Json.object();
    ObjectNode critical = root.putObject("critical");
    critical.putObject("identity").put("docker-reference", dockerReference);
    critical.putObject("image").put("docker-manifest-digest", manifestDigest.toString());
    critical.put("type", type);
    root.set("optional", optional == null ? NullNode.getInstance() : OciJson.sortedKeys(optional));
    return OciJson.write(root, JsonStyle.GO);
  }
}
