package dev.countersign.report.packet;

import dev.countersign.report.aws.Progress;
import dev.countersign.report.packet.internal.PacketRun;
import java.io.IOException;
import java.util.Objects;

/**
 * Builds a CMMC Level 2 audit packet: every image digest in scope verified with verifier-core
 * (decisions and the raw evidence they rest on), Amazon ECR and CloudTrail evidence, admission
 * decision records, correlation by digest with the coverage gaps, one folder per CMMC practice,
 * OSCAL assessment results, an HTML report, the CMMC hashing guide's logs and a signed manifest.
 *
 * <pre>{@code
 * PacketResult r = PacketBuilder.build(
 *     PacketSettings.builder()
 *         .out(Path.of("packet"))
 *         .window(TimeWindow.of(start, end))
 *         .inventory(Inventory.fromFile(Path.of("running.yaml")))
 *         .policies(Path.of("policies"))
 *         .trustRoots(TrustRoots.fromDirectory(Path.of("trust-roots")))
 *         .evidenceSource(EvidenceSource.of(OciRegistry.http(config)), "registries")
 *         .build(),
 *     Progress.NONE);
 * }</pre>
 *
 * <p>The packet is evidence, never a determination: no objective is declared met. Problems met
 * while collecting are recorded in the packet as gaps (and make {@link PacketResult#complete()}
 * false); only misconfiguration throws.
 */
public final class PacketBuilder {
  private PacketBuilder() {}

  /**
   * @throws PacketException for misconfiguration (output folder not empty, unreadable input) and
   *     when the OSCAL document built does not validate
   * @throws IOException when the packet folder cannot be written
   */
  public static PacketResult build(PacketSettings settings, Progress progress) throws IOException {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(progress, "progress");
    return new PacketRun(settings, progress).run();
  }
}
