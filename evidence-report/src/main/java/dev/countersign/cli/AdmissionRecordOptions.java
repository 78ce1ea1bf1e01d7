package dev.countersign.cli;

import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.admission.server.Durations;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.packet.PacketSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What the admission webhook recorded, and how it was configured, for a packet. */
final class AdmissionRecordOptions {
  @Option(
      names = "--decision-log",
      paramLabel = "FILE",
      description = "Decision-log file of the admission webhook, oldest first (repeatable).")
  List<Path> decisionLogs = new ArrayList<>();

  @Option(
      names = "--decision-log-key",
      paramLabel = "PEM",
      description = "Public key the decision log must be signed with (repeatable).")
  List<Path> decisionLogKeys = new ArrayList<>();

  @Option(
      names = "--decision-log-open",
      description = "The last decision-log file is still being written.")
  boolean decisionLogOpen;

  @Option(
      names = "--max-admission-silence",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "A longer period without any admission record is a gap (default 24h).")
  Duration maxSilence = Duration.ofHours(24);

  @Option(
      names = "--webhook-configuration",
      paramLabel = "FILE",
      description = "ValidatingWebhookConfiguration YAML/JSON (repeatable).")
  List<Path> webhookConfigurations = new ArrayList<>();

  /** Adds the records and configurations to {@code b}; UsageException for unreadable inputs. */
  void addTo(PacketSettings.Builder b) {
    for (Path p : decisionLogs) {
      if (!Files.isRegularFile(p)) {
        throw new UsageException("INPUT_UNREADABLE", "cannot read decision log " + p);
      }
    }
    b.decisionLogs(decisionLogs).decisionLogOpen(decisionLogOpen).maxAdmissionSilence(maxSilence);
    List<PublicKey> keys = new ArrayList<>();
    for (Path p : decisionLogKeys) {
      try {
        keys.add(DecisionLogKeys.readPublicKey(p));
      } catch (DecisionLogException e) {
        throw new UsageException("KEY_UNSUPPORTED", "--decision-log-key " + e.getMessage());
      }
    }
    b.decisionLogKeys(keys);
    for (Path p : webhookConfigurations) {
      b.webhookConfiguration(
          new RawEvidence(
              p.getFileName().toString(), PacketCommand.read(p), "application/yaml", ""));
    }
  }
}
