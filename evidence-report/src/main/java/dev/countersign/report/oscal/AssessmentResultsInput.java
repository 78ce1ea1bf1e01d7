package dev.countersign.report.oscal;

import java.util.List;
import java.util.Objects;

/**
 * Everything an OSCAL assessment-results document of a packet is built from.
 *
 * @param metadata the packet as a whole
 * @param practicesInScope the CMMC practice ids the packet's evidence is reviewed for, e.g. {@code
 *     CM.L2-3.4.8}; the OSCAL {@code reviewed-controls}
 * @param observations what was observed
 */
public record AssessmentResultsInput(
    PacketMetadata metadata, List<String> practicesInScope, List<Observation> observations) {
  public AssessmentResultsInput {
    Objects.requireNonNull(metadata, "metadata");
    practicesInScope = List.copyOf(practicesInScope);
    observations = List.copyOf(observations);
  }
}
