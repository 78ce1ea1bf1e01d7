package dev.countersign.testkit.rekor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.CanonicalJson;
import dev.countersign.testkit.encoding.Json;

/**
 * A Rekor entry body: its kind, API version and canonicalized JSON bytes (which are also the
 * entry's Merkle leaf).
 *
 * @param kind e.g. {@code hashedrekord}
 * @param apiVersion e.g. {@code 0.0.1}
 * @param canonicalized the exact bytes logged
 */
public record RekorBody(String kind, String apiVersion, Bytes canonicalized) {

  /** Canonicalizes {@code body} (RFC 8785) and reads its kind and apiVersion. */
  public static RekorBody of(JsonNode body) {
    return new RekorBody(
        body.path("kind").asText(),
        body.path("apiVersion").asText(),
        Bytes.of(CanonicalJson.canonicalize(body)));
  }

  /** Takes {@code bytes} as they are and reads their kind and apiVersion. */
  public static RekorBody parse(Bytes bytes) {
    JsonNode body = Json.parse(bytes.toByteArray());
    return new RekorBody(body.path("kind").asText(), body.path("apiVersion").asText(), bytes);
  }

  /** The body as a JSON tree. */
  public JsonNode json() {
    return Json.parse(canonicalized.toByteArray());
  }
}
