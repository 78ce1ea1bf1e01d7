package dev.countersign.admission.internal.decide;

import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.ImageResult;
import dev.countersign.admission.ImageSource;
import dev.countersign.admission.internal.extract.ImageField;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The webhook's answer for one image field, from what became of its image. */
public final class ImageResults {
  private ImageResults() {}

  /** A field denied before its image reached the verifier (unreadable, not a reference). */
  public static ImageResult refused(ImageField f, String reference, ReasonCode r, String why) {
    return new ImageResult(
        f.fieldPath(),
        f.jsonPointer(),
        f.image(),
        reference,
        "",
        AdmissionOutcome.DENY,
        List.of(r),
        List.of(),
        List.of(why),
        ImageSource.NOT_EVALUATED,
        Optional.empty());
  }

  /** A field whose image the configuration excludes from verification. */
  public static ImageResult excluded(ImageField f, ImageReference ref) {
    return new ImageResult(
        f.fieldPath(),
        f.jsonPointer(),
        f.image(),
        ref.toString(),
        ref.digest().map(Object::toString).orElse(""),
        AdmissionOutcome.ALLOW,
        List.of(ReasonCode.OK),
        List.of(),
        List.of("excluded by configuration"),
        ImageSource.EXCLUDED,
        Optional.empty());
  }

  /**
   * A field whose image went to the verifier.
   *
   * @param reference the image's parsed reference
   * @param name {@code reference.toString()}
   * @param source where the decision came from
   * @param r how the image ended
   */
  public static ImageResult resolved(
      ImageField f, ImageReference reference, String name, ImageSource source, Resolution r) {
    if (r.decision().isEmpty()) {
      return new ImageResult(
          f.fieldPath(),
          f.jsonPointer(),
          f.image(),
          name,
          reference.digest().map(Object::toString).orElse(""),
          AdmissionOutcome.DENY,
          List.of(r.reason()),
          List.of(),
          List.of(r.detail()),
          r.reason() == ReasonCode.ADMISSION_OVERLOADED
                  || r.reason() == ReasonCode.DEADLINE_EXCEEDED
              ? ImageSource.NOT_EVALUATED
              : source,
          Optional.empty());
    }
    PolicyDecision d = r.decision().get();
    AdmissionOutcome outcome =
        switch (d.decision()) {
          case ALLOW -> AdmissionOutcome.ALLOW;
          case ALLOW_WITH_WARNINGS -> AdmissionOutcome.WARN;
          case DENY -> AdmissionOutcome.DENY;
        };
    List<PolicyVerdict> shown =
        outcome == AdmissionOutcome.DENY
            ? d.denials()
            : outcome == AdmissionOutcome.WARN ? d.warnings() : List.of();
    Set<ReasonCode> reasons = new LinkedHashSet<>();
    List<String> messages = new ArrayList<>();
    for (PolicyVerdict v : shown) {
      reasons.add(v.verdict().reason());
      messages.add(explain(reference, v));
    }
    if (outcome == AdmissionOutcome.DENY && reasons.isEmpty()) {
      // A denial the decision cannot explain is still a denial, and still says so.
      reasons.add(d.reason() == ReasonCode.OK ? ReasonCode.NO_CHECKS_EVALUATED : d.reason());
      messages.add("image " + reference + ": denied");
    }
    if (reasons.isEmpty()) {
      reasons.add(ReasonCode.OK);
    }
    List<String> policies = new ArrayList<>();
    for (PolicyVerdict v : d.verdicts()) {
      if (!v.policy().isEmpty()) {
        policies.add(v.policy());
      }
    }
    return new ImageResult(
        f.fieldPath(),
        f.jsonPointer(),
        f.image(),
        name,
        d.digest(),
        outcome,
        List.copyOf(reasons),
        policies,
        messages,
        source,
        Optional.of(d));
  }

  /**
   * {@code policy 'p': image x: detail} (the image only when the detail does not name it); the
   * answer's line puts the field path and reason in front.
   */
  private static String explain(ImageReference image, PolicyVerdict v) {
    String detail =
        v.verdict()
            .decisive()
            .map(CheckResult::detail)
            .orElse("no check was evaluated, so nothing was verified");
    return (v.policy().isEmpty() ? "" : "policy '" + v.policy() + "': ")
        + (detail.contains(image.name()) ? "" : "image " + image + ": ")
        + detail;
  }
}
