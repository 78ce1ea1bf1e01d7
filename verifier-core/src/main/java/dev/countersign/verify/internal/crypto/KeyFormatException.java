package dev.countersign.verify.internal.crypto;

/** A key could not be decoded or is of an unsupported type. */
public final class KeyFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeyFormatException(String message) {
    super(message);
  }

  public KeyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
