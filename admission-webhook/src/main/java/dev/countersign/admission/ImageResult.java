package dev.countersign.admission;

import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The webhook's answer for one image field of the object.
 *
 * @param fieldPath where the image is, e.g. {@code spec.template.spec.initContainers[1].image}
 * @param jsonPointer the same location as a JSON pointer (for patches)
 * @param image the image as written in the object
 * @param reference the normalised reference ({@code registry/repository[:tag][@digest]}), empty if
 *     the text is not an image reference
 * @param digest the manifest digest the image resolved to, empty if unknown
 * @param outcome allow, warn or deny
 * @param reasons the reason codes of the denials or warnings; {@code OK} when allowed cleanly
 * @param policies the policies that applied
 * @param messages one line per denial or warning, for people
 * @param source where the decision came from
 * @param decision the verifier's full decision, when one was made
 */
public record ImageResult(
    String fieldPath,
    String jsonPointer,
    String image,
    String reference,
    String digest,
    AdmissionOutcome outcome,
    List<ReasonCode> reasons,
    List<String> policies,
    List<String> messages,
    ImageSource source,
    Optional<PolicyDecision> decision) {

  public ImageResult {
    Objects.requireNonNull(fieldPath, "fieldPath");
    Objects.requireNonNull(jsonPointer, "jsonPointer");
    Objects.requireNonNull(image, "image");
    reference = reference == null ? "" : reference;
    digest = digest == null ? "" : digest;
    Objects.requireNonNull(outcome, "outcome");
    reasons = List.copyOf(reasons);
    policies = List.copyOf(policies);
    messages = List.copyOf(messages);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(decision, "decision");
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("an image result needs a reason code");
    }
  }

  /** The first reason code: the one a denial is reported under. */
  public ReasonCode reason() {
    return reasons.get(0);
  }
}
