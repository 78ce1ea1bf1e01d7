package dev.countersign.verify.internal.sbom;

import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomComponent;
import dev.countersign.verify.sbom.SbomFinding;
import dev.countersign.verify.sbom.SbomSubject;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The gates over the document as a whole: subject binding and age. */
final class DocumentGates {
  /** A timestamp this far ahead of the verifier's clock is still accepted (clock skew). */
  static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

  private DocumentGates() {}

  static SbomFinding subject(Sbom sbom, SbomSubject subject) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("subject", subject.describe());
    if (sbom.metadataComponent().isEmpty()) {
      return SbomFinding.fail(
          SbomFinding.SUBJECT,
          ReasonCode.SBOM_SUBJECT_MISMATCH,
          "the SBOM has no metadata component, so it does not say what it describes",
          evidence);
    }
    SbomComponent m = sbom.metadataComponent().get();
    evidence.put("metadataComponent", m.describe());
    if (subject.isEmpty()) {
      return SbomFinding.fail(
          SbomFinding.SUBJECT,
          ReasonCode.SBOM_SUBJECT_MISMATCH,
          "no subject was given to bind the SBOM to",
          evidence);
    }
    SubjectMatch.Outcome o = SubjectMatch.match(m, subject);
    evidence.put("matchedBy", o.how());
    return o.matched()
        ? SbomFinding.pass(
            SbomFinding.SUBJECT,
            "the metadata component " + m.describe() + " is the subject, by " + o.how(),
            evidence)
        : SbomFinding.fail(
            SbomFinding.SUBJECT,
            ReasonCode.SBOM_SUBJECT_MISMATCH,
            "the metadata component " + m.describe() + " is not the subject: " + o.how(),
            evidence);
  }

  static SbomFinding age(Sbom sbom, Duration maxAge, Instant now) {
    Map<String, String> evidence = new LinkedHashMap<>();
    evidence.put("maxAge", describe(maxAge));
    evidence.put("now", now.toString());
    if (sbom.timestamp().isEmpty()) {
      return SbomFinding.fail(
          SbomFinding.AGE,
          ReasonCode.SBOM_TOO_OLD,
          "the SBOM has no timestamp, so it cannot be shown to be younger than " + describe(maxAge),
          evidence);
    }
    Instant made = sbom.timestamp().get();
    evidence.put("timestamp", made.toString());
    if (made.isAfter(now.plus(FUTURE_SKEW))) {
      return SbomFinding.fail(
          SbomFinding.AGE,
          ReasonCode.SBOM_POLICY_VIOLATION,
          "the SBOM timestamp " + made + " lies in the future (now " + now + ")",
          evidence);
    }
    Duration age = Duration.between(made, now);
    evidence.put("age", describe(age.isNegative() ? Duration.ZERO : age));
    return age.compareTo(maxAge) > 0
        ? SbomFinding.fail(
            SbomFinding.AGE,
            ReasonCode.SBOM_TOO_OLD,
            "the SBOM of "
                + made
                + " is "
                + describe(age)
                + " old; the policy allows "
                + describe(maxAge),
            evidence)
        : SbomFinding.pass(
            SbomFinding.AGE, "the SBOM of " + made + " is within " + describe(maxAge), evidence);
  }

  /** {@code 30d}, {@code 2d3h}, {@code 45m}, {@code 10s}. */
  static String describe(Duration d) {
    long s = d.getSeconds();
    StringBuilder sb = new StringBuilder();
    long days = s / 86400;
    long hours = s % 86400 / 3600;
    long minutes = s % 3600 / 60;
    if (days > 0) {
      sb.append(days).append('d');
    }
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (minutes > 0 && days == 0) {
      sb.append(minutes).append('m');
    }
    if (sb.length() == 0) {
      sb.append(s % 60).append('s');
    }
    return sb.toString();
  }
}
