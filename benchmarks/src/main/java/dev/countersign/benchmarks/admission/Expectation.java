package dev.countersign.benchmarks.admission;

/**
 * The answer a request must get: allowed or not, and the reason code the webhook puts in the {@code
 * reason} audit annotation ({@code OK} for an allowed pod).
 */
record Expectation(boolean allowed, String reason) {
  static final Expectation ALLOWED = new Expectation(true, "OK");

  static Expectation denied(String reason) {
    return new Expectation(false, reason);
  }

  @Override
  public String toString() {
    return allowed ? "allowed" : "denied with " + reason;
  }
}
