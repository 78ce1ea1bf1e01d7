package dev.countersign.verify.internal.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.time.Duration;

/**
 * A token service's answer (Docker registry token authentication): {@code token} or {@code
 * access_token}, and {@code expires_in} seconds.
 *
 * @param token the bearer token
 * @param lifetime how long it is valid
 */
record TokenResponse(String token, Duration lifetime) {
  /** The lifetime the specification assumes when the service does not say. */
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  static TokenResponse parse(byte[] body) throws JsonFormatException {
    JsonNode root = Json.parseObject(body, "token response");
    String token = DescriptorJson.optionalString(root, "token", "");
    if (token == null || token.isEmpty()) {
      token = DescriptorJson.optionalString(root, "access_token", "");
    }
    if (token == null || token.isEmpty()) {
      throw new JsonFormatException("token", "neither token nor access_token is present");
    }
    if (!token.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
      // The token goes into a header; control characters there could split it.
      throw new JsonFormatException("token", "contains characters not allowed in a header");
    }
    Duration lifetime = DEFAULT_LIFETIME;
    JsonNode expires = root.get("expires_in");
    if (expires != null && !expires.isNull()) {
      if (!expires.isIntegralNumber() || !expires.canConvertToLong()) {
        throw new JsonFormatException("expires_in", "must be an integer");
      }
      long seconds = expires.longValue();
      // A shorter lifetime than the default breaks the specification but is honoured: using a
      // token past its expiry only costs a 401 and a new token, trusting it longer gains nothing.
      if (seconds > 0) {
        lifetime = Duration.ofSeconds(Math.min(seconds, Duration.ofDays(1).toSeconds()));
      }
    }
    return new TokenResponse(token, lifetime);
  }
}
