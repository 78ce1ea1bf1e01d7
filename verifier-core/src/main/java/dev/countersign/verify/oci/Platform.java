package dev.countersign.verify.oci;

import java.util.Optional;

/** The platform of one manifest of a multi-arch index. */
public record Platform(String os, String architecture, Optional<String> variant) {
  @Override
  public String toString() {
    return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
  }
}
