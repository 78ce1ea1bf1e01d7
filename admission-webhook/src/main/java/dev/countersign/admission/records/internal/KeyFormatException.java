package dev.countersign.admission.records.internal;

/** A key cannot be used for a decision log; the message says why, without a stack of causes. */
public final class KeyFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeyFormatException(String message) {
    super(message);
  }
}
