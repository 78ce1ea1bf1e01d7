package dev.countersign.report.cmmc;

/** Why a CMMC catalog, evidence mapping or Rev. 3 informative file was rejected. Stable codes. */
public enum CatalogReason {
  /** A required file is missing, or a directory holds none of the files. */
  FILE_MISSING,
  /** The file could not be read. */
  FILE_UNREADABLE,
  /** The file is larger than the 1 MiB a catalog file may be. */
  FILE_TOO_LARGE,
  /** The file is not well-formed YAML (or has duplicate keys). */
  YAML_INVALID,
  /** The {@code schema:} line names a format this version does not read. */
  SCHEMA_UNSUPPORTED,
  /** A required field is absent or empty. */
  FIELD_MISSING,
  /** A field that this format does not have. */
  FIELD_UNKNOWN,
  /** A field has the wrong type or form. */
  FIELD_INVALID,
  /** A practice names a family that is not in the catalog. */
  FAMILY_UNKNOWN,
  /** A practice id is not of the form {@code <family>.L2-3.<n>.<n>}. */
  PRACTICE_ID_INVALID,
  /** A practice id does not agree with its NIST id or family. */
  NIST_ID_MISMATCH,
  /** The same practice, family, objective, evidence kind or mapping appears twice. */
  DUPLICATE,
  /** Objective letters are not a, b, c, ... in order. */
  OBJECTIVE_LETTER_INVALID,
  /** A mapping names an objective that is not in the catalog. */
  OBJECTIVE_UNKNOWN,
  /** An evidence kind key is not of the form {@code word.word...}. */
  EVIDENCE_KIND_INVALID,
  /** A link names an evidence kind that the mapping does not define. */
  EVIDENCE_KIND_UNKNOWN,
  /** A coverage value other than direct, partial or organization-documents. */
  COVERAGE_INVALID,
  /** The mapping is for a different catalog. */
  CATALOG_MISMATCH,
  /** A file defines nothing (no practices, no evidence, no requirements). */
  EMPTY,
  /** The Rev. 3 file is not marked {@code informative: true}. */
  REV3_NOT_INFORMATIVE,
  /** A Rev. 3 entry uses a CMMC Level 2 practice id: Rev. 3 has none. */
  REV3_USES_L2_ID,
  /** A Rev. 3 requirement or determination id is not of the Rev. 3 form. */
  REV3_ID_INVALID,
  /** A Rev. 3 link names a determination statement the requirement does not have. */
  DETERMINATION_UNKNOWN
}
