package dev.countersign.verify.oci;

import dev.countersign.verify.verdict.ReasonCode;
import java.util.Objects;

/**
 * Content could not be fetched from a registry or layout. The kind says why, and maps to the reason
 * code a verdict reports; none of them is ever a pass.
 */
public class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a fetch failed. */
  public enum Kind {
    /** Connection refused, DNS failure, TLS failure: the registry cannot be reached. */
    UNAVAILABLE(ReasonCode.REGISTRY_UNAVAILABLE),
    /** The registry did not answer within the timeout. */
    TIMEOUT(ReasonCode.REGISTRY_TIMEOUT),
    /** 401: no or wrong credentials. */
    UNAUTHORIZED(ReasonCode.REGISTRY_AUTH),
    /** 403: the credentials may not read this repository. */
    FORBIDDEN(ReasonCode.REGISTRY_FORBIDDEN),
    /** 404: no such manifest, blob or repository. */
    NOT_FOUND(ReasonCode.IMAGE_NOT_FOUND),
    /** 429: rate limited, still after retries. */
    RATE_LIMITED(ReasonCode.REGISTRY_RATE_LIMITED),
    /** 5xx, still after retries, or another unexpected status. */
    SERVER_ERROR(ReasonCode.REGISTRY_SERVER_ERROR),
    /** The registry served something that is not a valid manifest or index. */
    MALFORMED(ReasonCode.MANIFEST_MALFORMED),
    /** Content larger than the configured limit. */
    TOO_LARGE(ReasonCode.CONTENT_TOO_LARGE),
    /** Content whose bytes do not match the digest asked for. */
    DIGEST_MISMATCH(ReasonCode.CONTENT_DIGEST_MISMATCH);

    private final ReasonCode reason;

    Kind(ReasonCode reason) {
      this.reason = reason;
    }

    public ReasonCode reason() {
      return reason;
    }
  }

  private final Kind kind;
  private final String location;

  public RegistryException(Kind kind, String location, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind);
    this.location = location == null ? "" : location;
  }

  public RegistryException(Kind kind, String location, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind);
    this.location = location == null ? "" : location;
  }

  public Kind kind() {
    return kind;
  }

  /** What was being fetched (registry, repository and reference), for messages. */
  public String location() {
    return location;
  }

  public ReasonCode reason() {
    return kind.reason();
  }
}
