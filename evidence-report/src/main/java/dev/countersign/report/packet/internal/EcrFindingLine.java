package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of {@code findings.jsonl}: a basic or enhanced scan finding of one image digest.
 *
 * @param kind {@code BASIC} or {@code ENHANCED}, the registry's scan type that reported it
 * @param file the raw answer the finding was read from
 */
record EcrFindingLine(
    String repositoryName,
    String imageDigest,
    String kind,
    String vulnerabilityId,
    String severity,
    String packageName,
    String packageVersion,
    String fixedInVersion,
    String status,
    Optional<Instant> firstSeen,
    Optional<Instant> lastSeen,
    String file) {

  ObjectNode json() {
    ObjectNode n = PacketJson.object();
    n.put("repositoryName", repositoryName);
    n.put("imageDigest", imageDigest);
    n.put("kind", kind);
    n.put("vulnerabilityId", vulnerabilityId);
    n.put("severity", severity);
    n.put("packageName", packageName);
    n.put("packageVersion", packageVersion);
    n.put("fixedInVersion", fixedInVersion);
    n.put("status", status);
    n.put("firstSeen", firstSeen.map(Instant::toString).orElse(""));
    n.put("lastSeen", lastSeen.map(Instant::toString).orElse(""));
    n.put("file", file);
    return n;
  }
}
