package dev.countersign.verify.trust;

/**
 * A trust root could not be loaded or is malformed. This is a configuration error: it is thrown
 * when the root is loaded, never during a verification.
 */
public class TrustRootException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrustRootException(String message) {
    super(message);
  }

  public TrustRootException(String message, Throwable cause) {
    super(message, cause);
  }
}
