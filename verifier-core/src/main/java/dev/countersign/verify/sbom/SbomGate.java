package dev.countersign.verify.sbom;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.sbom.SbomGates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies an {@link SbomPolicy} to an SBOM of a verified subject.
 *
 * <pre>{@code
 * List<SbomFinding> findings = SbomGate.evaluate(
 *     Sbom.parse(bomBytes), policy, SbomSubject.image("sha256:ab12...", "ghcr.io/acme/app"),
 *     List.of(VexDocument.parse(openVexBytes)), clock.instant());
 * boolean pass = findings.stream().allMatch(SbomFinding::ok);
 * }</pre>
 *
 * <p>The findings come in report order: {@code sbom.format} (always, passing: what was read), then,
 * for each gate the policy enables, either one passing finding or one failing finding per violation
 * (per component, per vulnerability): {@code sbom.subject} (SBOM_SUBJECT_MISMATCH), {@code
 * sbom.age} (SBOM_TOO_OLD; SBOM_POLICY_VIOLATION for a timestamp in the future), {@code
 * sbom.components} (SBOM_DENIED_COMPONENT), {@code sbom.licenses} (SBOM_DENIED_LICENSE), {@code
 * sbom.vulnerabilities} (VULNERABILITY_UNMITIGATED). So the list is never empty.
 *
 * <p>Vulnerabilities: one at or above {@link SbomPolicy#failOnSeverity()} fails unless, for each
 * component it affects (or the described product when it names none), the most recent applicable
 * VEX statement mitigates it ({@link VexStatus#mitigates()}). The SBOM's own embedded analysis is
 * one such statement; separate VEX documents add theirs. A statement applies by vulnerability id or
 * alias, and by product: the component's purl (qualifiers ignored; a versionless VEX purl names
 * every version), a shared hash, a BOM-link into this SBOM, or the subject image / the metadata
 * component for a product-level statement, which covers every component. Equally recent statements
 * that disagree leave the vulnerability standing. External statements that report a vulnerability
 * the SBOM does not list as affecting the image fail the gate too.
 */
public final class SbomGate {
  private SbomGate() {}

  /**
   * Evaluates the gates.
   *
   * @param sbom the SBOM (from a verified attestation)
   * @param policy the gates to apply
   * @param subject the verified image or artifact ({@link SbomSubject#none()} if unknown: the
   *     subject gate then fails)
   * @param vex separately attested VEX documents, already verified; may be empty
   * @param now the verifier's clock, for the age gate and nothing else
   */
  public static List<SbomFinding> evaluate(
      Sbom sbom, SbomPolicy policy, SbomSubject subject, List<VexDocument> vex, Instant now) {
    return SbomGates.evaluate(
        Objects.requireNonNull(sbom, "sbom"),
        Objects.requireNonNull(policy, "policy"),
        Objects.requireNonNull(subject, "subject"),
        List.copyOf(vex),
        Objects.requireNonNull(now, "now"));
  }

  /**
   * Parses and evaluates; a document that cannot be read gives a single failing {@code sbom.format}
   * finding with EVIDENCE_MALFORMED or SBOM_INVALID and the path at fault.
   */
  public static List<SbomFinding> evaluate(
      byte[] sbom, SbomPolicy policy, SbomSubject subject, List<VexDocument> vex, Instant now) {
    try {
      return evaluate(Sbom.parse(sbom), policy, subject, vex, now);
    } catch (EvidenceFormatException e) {
      return List.of(
          SbomFinding.fail(SbomFinding.FORMAT, e.reason(), e.describe(), Map.of("path", e.path())));
    }
  }
}
