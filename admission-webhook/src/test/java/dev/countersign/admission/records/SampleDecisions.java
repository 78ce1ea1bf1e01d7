package dev.countersign.admission.records;

import dev.countersign.admission.AdmissionOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Decision records with the shapes the webhook writes, and the awkward characters it may meet. */
final class SampleDecisions {
  static final Instant T0 = Instant.parse("2025-11-20T10:00:00Z");

  private SampleDecisions() {}

  static Clock clock() {
    return Clock.fixed(T0, ZoneOffset.UTC);
  }

  static DecisionRecord record(int i) {
    AdmissionOutcome decision =
        i % 3 == 0
            ? AdmissionOutcome.DENY
            : i % 3 == 1 ? AdmissionOutcome.ALLOW : AdmissionOutcome.WARN;
    String reason =
        decision == AdmissionOutcome.ALLOW
            ? "OK"
            : decision == AdmissionOutcome.DENY ? "IDENTITY_MISMATCH" : "SBOM_MISSING";
    String digest = "sha256:" + String.format("%064x", i);
    ImageDecision image =
        new ImageDecision(
            "spec.template.spec.containers[" + (i % 2) + "].image",
            "registry.example/acme/app:1." + i,
            digest,
            decision,
            List.of(reason),
            List.of(
                new PolicyOutcome(
                    "prod",
                    decision == AdmissionOutcome.WARN ? "WARN" : "ENFORCE",
                    decision == AdmissionOutcome.ALLOW ? "PASS" : "FAIL",
                    reason,
                    "public-good")),
            decision == AdmissionOutcome.ALLOW
                ? ""
                // Quotes, a line break, non-ASCII and the signature marker itself, in a string.
                : "policy 'prod': " + reason + ": subject \"ci@evil\" ≠ expected\n,\"sig\":{");
    DecisionRecord.Builder b =
        DecisionRecord.builder()
            .time(T0.plusSeconds(i))
            .uid("3f1c2a7e-0000-4000-8000-" + String.format("%012d", i))
            .namespace(i % 5 == 0 ? "" : "team-" + (i % 4))
            .kind("apps", "v1", "Deployment")
            .name("app-" + i)
            .operation(i % 2 == 0 ? "CREATE" : "UPDATE")
            .user("system:serviceaccount:ci:deployer", List.of("system:serviceaccounts", "ci"))
            .dryRun(i % 7 == 0)
            .decision(decision)
            .image(image)
            .policyRevision("sha256:" + "ab".repeat(32))
            .trustRootRevision("public-good", "sha256:" + "cd".repeat(32))
            // A trust root may be called "sig": the line format must not care.
            .trustRootRevision("sig", "sha256:" + "ef".repeat(32))
            .webhook("countersign-webhook-5d8f7-x2k9q", "0.1.0");
    if (decision != AdmissionOutcome.ALLOW) {
      b.message(image.fieldPath() + ": " + reason + ": " + image.message());
    }
    return b.build();
  }
}
