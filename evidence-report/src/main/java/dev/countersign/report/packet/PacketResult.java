package dev.countersign.report.packet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a packet build produced.
 *
 * @param folder the packet
 * @param images distinct image digest references evaluated
 * @param containers running containers in the inventory
 * @param decisions images by policy decision ({@code ALLOW}, {@code ALLOW_WITH_WARNINGS}, {@code
 *     DENY})
 * @param gaps coverage gaps found, by kind
 * @param files files in the packet
 * @param manifestSha256 SHA-256 of {@code manifest.json} (lower-case hex)
 * @param logHash SHA-256 of {@code CMMCAssessmentArtifacts.log} (upper-case hex, as the CMMC
 *     hashing guide writes it): the value to give the assessor
 * @param signingKeyId SHA-256 of the manifest signing key's SubjectPublicKeyInfo
 * @param ephemeralKey whether that key was made for this packet only (no {@code --signing-key})
 * @param elapsed how long the build took
 */
public record PacketResult(
    Path folder,
    long images,
    long containers,
    Map<String, Long> decisions,
    Map<GapKind, Long> gaps,
    long files,
    String manifestSha256,
    String logHash,
    String signingKeyId,
    boolean ephemeralKey,
    Duration elapsed) {
  public PacketResult {
    Objects.requireNonNull(folder, "folder");
    // Sorted, so summaries print the same way every run.
    decisions = Collections.unmodifiableMap(new TreeMap<>(decisions));
    EnumMap<GapKind, Long> g = new EnumMap<>(GapKind.class);
    g.putAll(gaps);
    gaps = java.util.Collections.unmodifiableMap(g);
  }

  public long gapCount() {
    return gaps.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Every input asked for was collected and every image evaluated. A packet can be complete and
   * still show gaps in the estate: those are evidence, not collection failures.
   */
  public boolean complete() {
    return gaps.getOrDefault(GapKind.COLLECTION_INCOMPLETE, 0L) == 0
        && gaps.getOrDefault(GapKind.IMAGE_NOT_EVALUATED, 0L) == 0;
  }
}
