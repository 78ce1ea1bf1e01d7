package dev.countersign.verify.oci;

/**
 * Where a multi-arch image (an index) must carry its evidence. Single-platform images ignore it.
 */
public enum MultiArchRequirement {
  /** The index digest itself is signed (what {@code cosign sign} does by default). */
  INDEX,
  /** Every platform manifest the index lists is signed ({@code cosign sign --recursive}). */
  EVERY_PLATFORM,
  /** Either the index is signed, or else every platform manifest is. */
  INDEX_OR_EVERY_PLATFORM
}
