package dev.countersign.verify.slsa;

/**
 * SLSA v1.0 build-track levels (https://slsa.dev/spec/v1.0/levels), as far as the verified evidence
 * shows them. See {@link SlsaEvaluator} for the exact rule used to assign each.
 */
public enum SlsaBuildLevel {
  /** Provenance exists: a signed SLSA provenance statement was verified. */
  L1,
  /** The provenance was signed by a hosted build platform's identity. */
  L2,
  /** The provenance was signed by a trusted builder isolated from the build it describes. */
  L3;

  /** 1, 2 or 3. */
  public int number() {
    return ordinal() + 1;
  }

  /** Whether this level is {@code other} or higher. */
  public boolean atLeast(SlsaBuildLevel other) {
    return compareTo(other) >= 0;
  }

  @Override
  public String toString() {
    return "SLSA Build L" + number();
  }
}
