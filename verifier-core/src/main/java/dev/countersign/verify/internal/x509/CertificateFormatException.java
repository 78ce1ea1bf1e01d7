package dev.countersign.verify.internal.x509;

/** A certificate could not be parsed. */
public final class CertificateFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public CertificateFormatException(String message) {
    super(message);
  }

  public CertificateFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
