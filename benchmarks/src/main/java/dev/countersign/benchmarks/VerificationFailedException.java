package dev.countersign.benchmarks;

/**
 * A bundle did not verify. Checked, so that no benchmark can quietly measure a verifier that
 * rejects its input.
 */
public final class VerificationFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public VerificationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
