package dev.countersign.report.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * One vulnerability finding of an image scan, basic (Clair-based) or enhanced (Amazon Inspector),
 * normalised to the fields an assessor compares.
 *
 * @param vulnerabilityId the CVE or advisory id ({@code name} of a basic finding, {@code
 *     vulnerabilityId} of an enhanced one)
 * @param severity {@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code LOW}, {@code
 *     INFORMATIONAL}, {@code UNTRIAGED} or {@code UNDEFINED}
 * @param packageName affected package, when reported
 * @param packageVersion installed version, when reported
 * @param fixedInVersion first fixed version (enhanced scans only)
 * @param status {@code ACTIVE}, {@code SUPPRESSED} or {@code CLOSED} (enhanced); empty for basic
 * @param reference a link with details
 * @param score CVSS or Inspector score, when reported
 */
public record ScanFinding(
    String repositoryName,
    String imageDigest,
    Kind kind,
    String vulnerabilityId,
    String severity,
    String packageName,
    String packageVersion,
    String fixedInVersion,
    String status,
    String reference,
    Optional<Double> score) {

  /** Which scanner produced it. */
  public enum Kind {
    BASIC,
    ENHANCED
  }

  public ScanFinding {
    Objects.requireNonNull(repositoryName, "repositoryName");
    Objects.requireNonNull(imageDigest, "imageDigest");
    Objects.requireNonNull(kind, "kind");
    vulnerabilityId = vulnerabilityId == null ? "" : vulnerabilityId;
    severity = severity == null ? "UNDEFINED" : severity;
    packageName = packageName == null ? "" : packageName;
    packageVersion = packageVersion == null ? "" : packageVersion;
    fixedInVersion = fixedInVersion == null ? "" : fixedInVersion;
    status = status == null ? "" : status;
    reference = reference == null ? "" : reference;
    score = score == null ? Optional.empty() : score;
  }
}
