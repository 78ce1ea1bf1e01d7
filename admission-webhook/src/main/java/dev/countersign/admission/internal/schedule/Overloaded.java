package dev.countersign.admission.internal.schedule;

/** Every worker is busy and the queue is full: the image is shed, not queued past its deadline. */
public final class Overloaded extends Exception {
  private static final long serialVersionUID = 1L;

  public Overloaded(String message) {
    super(message);
  }
}
