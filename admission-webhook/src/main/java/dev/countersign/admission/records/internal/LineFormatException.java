package dev.countersign.admission.records.internal;

/** A line is not a decision-log line; the message says what is wrong with it. */
public final class LineFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public LineFormatException(String message) {
    super(message);
  }
}
