package dev.countersign.admission.server;

import dev.countersign.admission.AdmissionDecision;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.AdmissionRequest;
import dev.countersign.admission.DecisionListener;
import dev.countersign.admission.ImageResult;
import dev.countersign.admission.records.DecisionLog;
import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.admission.records.DecisionRecord;
import dev.countersign.admission.records.ImageDecision;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.util.Optional;

/**
 * Writes every admission decision to the signed, hash-chained decision log ({@code --records
 * FILE|-} with {@code --records-key PEM}), before the answer leaves the webhook.
 *
 * <p>A record that cannot be written (a full disk) does not change the answer: refusing every
 * admission because the audit disk filled up would take the cluster down with it. The failure is
 * counted ({@code countersign_admission_listener_failures_total}) and logged. The log is then
 * reopened, which writes a recovery line, so the gap is visible in the chain to anyone who verifies
 * it, and recording resumes as soon as the disk allows.
 */
final class DecisionRecording implements DecisionListener, AutoCloseable {
  private final java.util.function.Supplier<DecisionLog> opener;
  private DecisionLog log;
  private final String instance;
  private final String version;

  private DecisionRecording(java.util.function.Supplier<DecisionLog> opener) {
    this.opener = opener;
    this.log = opener.get();
    this.instance = instanceName();
    String v = DecisionRecording.class.getPackage().getImplementationVersion();
    this.version = v == null ? "" : v;
  }

  /** The recorder {@code --records} asks for, or empty when records are not asked for. */
  static Optional<DecisionRecording> open(WebhookOptions o, Clock clock) {
    if (o.records == null) {
      if (o.recordsKey != null) {
        throw new StartupException("USAGE", "--records-key needs --records FILE");
      }
      return Optional.empty();
    }
    if (o.recordsKey == null) {
      throw new StartupException(
          "USAGE", "--records needs --records-key PEM: an unsigned log is not evidence");
    }
    try {
      PrivateKey key = DecisionLogKeys.readPrivateKey(o.recordsKey);
      DecisionLog.Builder b = DecisionLog.builder(key).clock(clock);
      String target = o.records;
      return Optional.of(
          new DecisionRecording(() -> target.equals("-") ? b.stdout() : b.open(Path.of(target))));
    } catch (DecisionLogException e) {
      throw new StartupException("INPUT_UNREADABLE", "--records: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void onDecision(AdmissionDecision d) {
    DecisionRecord record = record(d, instance, version);
    try {
      log.append(record);
    } catch (RuntimeException first) {
      // A log that failed a write refuses further appends until reopened; reopening records the
      // failure in the chain. If the disk is still failing, this decision stays unrecorded and
      // the caller counts it.
      try {
        log.close();
      } catch (RuntimeException ignored) {
        // closing a broken log may fail too; reopening below is what matters
      }
      log = opener.get();
      log.append(record);
    }
  }

  static DecisionRecord record(AdmissionDecision d, String instance, String version) {
    AdmissionRequest r = d.request();
    DecisionRecord.Builder b =
        DecisionRecord.builder()
            .time(d.decidedAt())
            .uid(r.uid())
            .namespace(r.namespace())
            .kind(r.group(), r.version(), r.kind())
            .name(r.name())
            .operation(r.operation())
            .user(r.user(), r.userGroups())
            .dryRun(r.dryRun())
            .decision(d.outcome())
            .messages(d.outcome() == AdmissionOutcome.DENY ? d.messages() : d.warnings())
            .policyRevision(d.policyRevision())
            .webhook(instance, version);
    d.trustRootRevisions().forEach(b::trustRootRevision);
    d.skipped().ifPresent(s -> b.message("not verified: " + s));
    for (ImageResult i : d.images()) {
      b.image(
          i.decision()
              .map(pd -> ImageDecision.of(i.fieldPath(), pd))
              .orElseGet(
                  () ->
                      ImageDecision.withoutEvaluation(
                          i.fieldPath(),
                          i.image(),
                          i.outcome(),
                          i.reason(),
                          String.join("; ", i.messages()))));
    }
    return b.build();
  }

  private static String instanceName() {
    String pod = System.getenv("POD_NAME");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "";
    }
  }

  @Override
  public synchronized void close() {
    log.close();
  }
}
