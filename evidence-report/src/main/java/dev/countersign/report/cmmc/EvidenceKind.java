package dev.countersign.report.cmmc;

import java.util.Objects;

/**
 * A kind of evidence an audit packet collects.
 *
 * @param key the stable key the packet uses, e.g. {@code admission.decisions}
 * @param description what the evidence is
 */
public record EvidenceKind(String key, String description) {
  public EvidenceKind {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(description, "description");
  }
}
