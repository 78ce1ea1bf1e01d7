package dev.countersign.verify.slsa;

import dev.countersign.verify.verdict.ReasonCode;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one provenance check, as data. The caller reports it under a check id of its
 * choosing.
 *
 * @param name which check (one of the constants here)
 * @param ok whether it passed
 * @param reason {@code OK} when it passed, otherwise why it failed
 * @param detail one sentence for people
 * @param evidence the values compared (e.g. {@code builder.id}, {@code expected})
 */
public record SlsaFinding(
    String name, boolean ok, ReasonCode reason, String detail, Map<String, String> evidence) {
  /** The builder id equals the expected one. */
  public static final String BUILDER_ID = "builder-id";

  /** The builder id is a trusted builder at a release tag. */
  public static final String BUILDER_TRUSTED = "builder-trusted";

  /** The certificate's workflow identity is a trusted builder at a release tag. */
  public static final String SIGNER_TRUSTED = "signer-trusted";

  /** The builder id agrees with the certificate that signed the provenance. */
  public static final String SIGNER_BUILDER = "signer-builder";

  /** The source repository, ref, commit and trigger agree with the signing certificate. */
  public static final String SIGNER_SOURCE = "signer-source";

  /** Every source the provenance names is the expected repository. */
  public static final String SOURCE = "source";

  /** The source branch is the expected one. */
  public static final String SOURCE_BRANCH = "source-branch";

  /** The source tag is the expected one. */
  public static final String SOURCE_TAG = "source-tag";

  /** The source tag is a semantic version matching the expected version prefix. */
  public static final String SOURCE_VERSIONED_TAG = "source-versioned-tag";

  /** The build type is the expected one. */
  public static final String BUILD_TYPE = "build-type";

  /** The evidence supports at least the required SLSA build level. */
  public static final String BUILD_LEVEL = "build-level";

  public SlsaFinding {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    evidence = Map.copyOf(evidence);
    if (ok != (reason == ReasonCode.OK)) {
      throw new IllegalArgumentException("a finding passes exactly when its reason is OK");
    }
  }

  public static SlsaFinding pass(String name, String detail, Map<String, String> evidence) {
    return new SlsaFinding(name, true, ReasonCode.OK, detail, evidence);
  }

  public static SlsaFinding fail(
      String name, ReasonCode reason, String detail, Map<String, String> evidence) {
    return new SlsaFinding(name, false, reason, detail, evidence);
  }
}
