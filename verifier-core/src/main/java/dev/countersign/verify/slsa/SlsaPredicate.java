package dev.countersign.verify.slsa;

/**
 * A read-only view of an SLSA provenance predicate, by version. Fields the predicate does not have
 * are empty; nothing here is interpreted beyond JSON types.
 */
public sealed interface SlsaPredicate permits ProvenanceV02, ProvenanceV1 {
  /** The predicate type this view reads. */
  String predicateType();

  /** {@code builder.id} (v0.2) or {@code runDetails.builder.id} (v1); empty when absent. */
  String builderId();

  /** {@code buildType} (v0.2) or {@code buildDefinition.buildType} (v1); empty when absent. */
  String buildType();
}
