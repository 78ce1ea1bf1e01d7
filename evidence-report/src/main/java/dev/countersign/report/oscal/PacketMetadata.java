package dev.countersign.report.oscal;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What the assessment-results document says about the packet as a whole.
 *
 * @param title the document title
 * @param organization the organisation whose system the evidence is from
 * @param windowStart start of the period the evidence covers
 * @param windowEnd end of that period, not before the start
 * @param toolVersion the Countersign version that collected the evidence
 * @param generated when the document was generated (from the injected clock, so that packets are
 *     reproducible)
 * @param assessmentPlan the OSCAL {@code import-ap} reference: the assessment plan this evidence
 *     serves, relative to the document or absolute
 */
public record PacketMetadata(
    String title,
    String organization,
    Instant windowStart,
    Instant windowEnd,
    String toolVersion,
    Instant generated,
    URI assessmentPlan) {
  public PacketMetadata {
    Text.requireLine(title, "title");
    Text.requireLine(organization, "organization");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Text.requireLine(toolVersion, "toolVersion");
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(assessmentPlan, "assessmentPlan");
    if (windowEnd.isBefore(windowStart)) {
      throw new IllegalArgumentException(
          "assessment window ends (" + windowEnd + ") before it starts (" + windowStart + ")");
    }
    if (assessmentPlan.toString().isBlank()) {
      throw new IllegalArgumentException("assessmentPlan is empty");
    }
  }
}
