package dev.countersign.verify.internal.registry;

import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.RegistryException.Kind;

/** A round trip that produced no usable response, and whether another attempt may help. */
final class ExchangeFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final Kind kind;
  private final boolean retryable;

  ExchangeFailure(Kind kind, boolean retryable, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryable = retryable;
  }

  Kind kind() {
    return kind;
  }

  boolean retryable() {
    return retryable;
  }

  RegistryException toRegistryException(String location) {
    return new RegistryException(kind, location, location + ": " + getMessage(), getCause());
  }
}
