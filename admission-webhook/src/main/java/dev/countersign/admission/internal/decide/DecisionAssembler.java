package dev.countersign.admission.internal.decide;

import dev.countersign.admission.ActiveVerifier;
import dev.countersign.admission.AdmissionDecision;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.AdmissionRequest;
import dev.countersign.admission.AdmissionSettings;
import dev.countersign.admission.ImageResult;
import dev.countersign.admission.internal.patch.DigestPatch;
import dev.countersign.admission.internal.review.ReviewCodec;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link AdmissionDecision} of a request: from its image results, or for a request that
 * was skipped, refused as a whole, or failed. Every decision is stamped with the clock's time and
 * the time since the request arrived.
 */
public final class DecisionAssembler {
  private final AdmissionSettings settings;
  private final String digestsAnnotation;
  private final Clock clock;

  /**
   * @param digestsAnnotation the annotation a mutation writes in annotate mode
   * @param clock the clock of decision times
   */
  public DecisionAssembler(AdmissionSettings settings, String digestsAnnotation, Clock clock) {
    this.settings = settings;
    this.digestsAnnotation = digestsAnnotation;
    this.clock = clock;
  }

  /**
   * The answer from every image field's result, in object order: denied if any image is, else
   * warned if any image is, else allowed; the reason is the first denial's, else the first
   * warning's. A mutation that is not denied carries the digest patch.
   *
   * @param startNanos when the request arrived ({@link System#nanoTime()})
   * @param current the verifier that decided
   */
  public AdmissionDecision concluded(
      AdmissionRequest request,
      boolean mutation,
      long startNanos,
      List<ImageResult> images,
      ActiveVerifier current) {
    List<String> denials = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    ReasonCode firstDenial = null;
    ReasonCode firstWarning = null;
    for (ImageResult i : images) {
      if (i.outcome() == AdmissionOutcome.DENY) {
        firstDenial = firstDenial == null ? i.reason() : firstDenial;
        denials.addAll(MessageLines.of(i));
      } else if (i.outcome() == AdmissionOutcome.WARN) {
        firstWarning = firstWarning == null ? i.reason() : firstWarning;
        warnings.addAll(MessageLines.of(i));
      }
    }
    AdmissionOutcome outcome =
        firstDenial != null
            ? AdmissionOutcome.DENY
            : firstWarning != null ? AdmissionOutcome.WARN : AdmissionOutcome.ALLOW;
    ReasonCode reason =
        firstDenial != null ? firstDenial : firstWarning != null ? firstWarning : ReasonCode.OK;
    Optional<String> patch = Optional.empty();
    if (mutation && outcome != AdmissionOutcome.DENY) {
      patch =
          DigestPatch.of(
              settings.mutateMode(),
              digestsAnnotation,
              request.object().orElseThrow(),
              images,
              ReviewCodec.mapper());
    }
    return new AdmissionDecision(
        request,
        mutation,
        outcome,
        reason,
        images,
        denials,
        warnings,
        Optional.empty(),
        patch,
        current.policyRevision(),
        current.trustRootRevisions(),
        clock.instant(),
        since(startNanos));
  }

  /**
   * An allowance without verification: nothing in the request needs it.
   *
   * @param current the verifier in force, or null when none is loaded yet
   * @param why what made verification unnecessary
   */
  public AdmissionDecision skipped(
      AdmissionRequest request,
      boolean mutation,
      long startNanos,
      ActiveVerifier current,
      String why) {
    return new AdmissionDecision(
        request,
        mutation,
        AdmissionOutcome.ALLOW,
        ReasonCode.OK,
        List.of(),
        List.of(),
        List.of(),
        Optional.of(why),
        Optional.empty(),
        "",
        current == null ? Map.of() : current.trustRootRevisions(),
        clock.instant(),
        since(startNanos));
  }

  /**
   * A denial of the whole request, before any image was verified.
   *
   * @param current the verifier in force, or null when none is loaded yet
   * @param denials the lines saying why
   */
  public AdmissionDecision refused(
      AdmissionRequest request,
      boolean mutation,
      long startNanos,
      ActiveVerifier current,
      ReasonCode reason,
      List<String> denials) {
    return new AdmissionDecision(
        request,
        mutation,
        AdmissionOutcome.DENY,
        reason,
        List.of(),
        denials,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        current == null ? "" : current.policyRevision(),
        current == null ? Map.of() : current.trustRootRevisions(),
        clock.instant(),
        since(startNanos));
  }

  /**
   * A denial because the webhook itself failed: fail closed, never a 500 and never an unverified
   * admission.
   *
   * @param cause what failed, for people
   */
  public AdmissionDecision failed(
      AdmissionRequest request, boolean mutation, long startNanos, String cause) {
    return new AdmissionDecision(
        request,
        mutation,
        AdmissionOutcome.DENY,
        ReasonCode.INTERNAL_ERROR,
        List.of(),
        List.of(
            MessageLines.line(
                MessageLines.WHOLE_OBJECT,
                ReasonCode.INTERNAL_ERROR,
                "the webhook failed: " + cause)),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        "",
        Map.of(),
        clock.instant(),
        since(startNanos));
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
