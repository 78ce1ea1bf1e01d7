package dev.countersign.testkit.oci.registry;

/** A registry answered a push or read with a status the client did not expect. */
public final class RegistryException extends RuntimeException {
  private final transient RegistryResponse response;

  /** {@code message} about {@code response}, whose status and body are appended. */
  public RegistryException(String message, RegistryResponse response) {
    super(message + ": HTTP " + response.status() + " " + response.text());
    this.response = response;
  }

  /** The offending response. */
  public RegistryResponse response() {
    return response;
  }
}
