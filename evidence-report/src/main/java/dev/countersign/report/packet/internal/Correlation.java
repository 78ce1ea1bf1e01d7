package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.inventory.RunningImage;
import dev.countersign.report.packet.Gap;
import dev.countersign.report.packet.GapKind;
import dev.countersign.verify.oci.ImageReference;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Joins the evidence by image digest and finds the gaps that need more than one source: a running
 * image without a passing verdict, or without an admission record.
 */
public final class Correlation {
  public static final String FILE = ImageStage.DIR + "/correlation.jsonl";

  private final PacketFiles files;
  private final GapLog gaps;

  public Correlation(PacketFiles files, GapLog gaps) {
    this.files = files;
    this.gaps = gaps;
  }

  public List<ImageRow> run(
      Map<String, List<RunningImage>> inScope,
      Map<String, ImageFacts> facts,
      EcrFacts ecr,
      CloudTrailFacts trail,
      AdmissionFacts admission,
      boolean decisionLogsGiven)
      throws IOException {
    Map<String, EcrFacts.Image> ecrByRepoDigest = new LinkedHashMap<>();
    for (EcrFacts.Image i : ecr.images().values()) {
      ecrByRepoDigest.put(i.image().repositoryName() + "@" + i.image().digest(), i);
    }
    List<ImageRow> rows = new ArrayList<>();
    try (JsonLinesFile out = JsonLinesFile.create(files, FILE)) {
      for (Map.Entry<String, List<RunningImage>> e : inScope.entrySet()) {
        String reference = e.getKey();
        ImageReference ref = ImageReference.parse(reference);
        String digest = ref.digest().map(Object::toString).orElse("");
        ImageFacts f = facts.get(reference);
        Optional<EcrFacts.Image> ecrImage =
            Optional.ofNullable(ecr.images().get(reference))
                .or(
                    () ->
                        Optional.ofNullable(ecrByRepoDigest.get(ref.repository() + "@" + digest)));
        List<CloudTrailFacts.Push> pushes =
            trail.pushes().getOrDefault(digest, List.of()).stream()
                .filter(p -> p.repository().isEmpty() || p.repository().equals(ref.repository()))
                .toList();
        Optional<AdmissionFacts.Admission> admitted =
            Optional.ofNullable(admission.byDigest().get(digest));
        Set<GapKind> rowGaps = EnumSet.noneOf(GapKind.class);
        boolean running = e.getValue().stream().anyMatch(RunningImage::running);
        if (!f.evaluated()) {
          rowGaps.add(GapKind.IMAGE_NOT_EVALUATED);
          gaps.add(
              Gap.of(
                  GapKind.IMAGE_NOT_EVALUATED,
                  reference,
                  "verification could not be completed: "
                      + f.reason()
                      + (f.messages().isEmpty() ? "" : ": " + f.messages().get(0))
                      + " ("
                      + f.decisionFile()
                      + ")"));
        } else if (running && !f.passed()) {
          rowGaps.add(GapKind.RUNNING_WITHOUT_PASSING_VERDICT);
          gaps.add(
              Gap.of(
                  GapKind.RUNNING_WITHOUT_PASSING_VERDICT,
                  reference,
                  "runs in "
                      + places(e.getValue())
                      + " but its decision is "
                      + f.decision()
                      + " ("
                      + f.reason()
                      + (f.messages().isEmpty() ? "" : ": " + f.messages().get(0))
                      + "; "
                      + f.decisionFile()
                      + ")"));
        }
        if (running && decisionLogsGiven && admitted.map(a -> a.allowed() == 0).orElse(true)) {
          rowGaps.add(GapKind.ADMISSION_RECORD_MISSING);
          Optional<Instant> started =
              e.getValue().stream()
                  .map(RunningImage::startedAt)
                  .flatMap(Optional::stream)
                  .min(Instant::compareTo);
          gaps.add(
              new Gap(
                  GapKind.ADMISSION_RECORD_MISSING,
                  reference,
                  "runs in "
                      + places(e.getValue())
                      + started.map(t -> " (started " + t + ")").orElse("")
                      + " but no verified decision record of the window admits digest "
                      + digest
                      + (admitted.isPresent() ? " (it was only ever denied)" : "")
                      + ": it was admitted while the webhook was failing open, bypassed or"
                      + " missing, or before the window",
                  started));
        }
        ecrImage.ifPresent(
            i -> {
              if (!i.late().isEmpty()) {
                rowGaps.add(GapKind.FINDING_PAST_SLA);
              }
            });
        ImageRow row =
            new ImageRow(
                reference,
                digest,
                ref.name(),
                e.getValue(),
                f,
                ecrImage,
                pushes,
                admitted,
                rowGaps);
        rows.add(row);
        out.write(json(row));
      }
    }
    files
        .registry()
        .add(
            FILE,
            "application/x-ndjson",
            "One line per image digest in scope joining the evidence: where it runs, its policy"
                + " decision, who signed it, what built it from which source, its SBOM, its ECR scan"
                + " status, who pushed it and when it was admitted, and the gaps about it.",
            "",
            "image.signature.verdicts",
            "image.provenance.verdicts",
            "image.sbom.verdicts",
            "image.vulnerabilities",
            "inventory.running",
            "coverage.gaps");
    return rows;
  }

  /** The gaps of the ECR evidence alone: mutable tags, findings past the SLA. */
  public void ecrGaps(EcrFacts ecr, java.time.Duration sla, Instant reference) throws IOException {
    for (EcrFacts.Repository r : ecr.repositories().values()) {
      if (!r.settings().tagsImmutable()) {
        gaps.add(
            Gap.of(
                GapKind.MUTABLE_TAGS,
                r.settings().uri().isEmpty() ? r.settings().name() : r.settings().uri(),
                "repository "
                    + r.settings().name()
                    + " has image tag mutability "
                    + (r.settings().imageTagMutability().isEmpty()
                        ? "(not reported)"
                        : r.settings().imageTagMutability())
                    + ": a tag can be moved to other content after it was verified"));
      }
    }
    for (EcrFacts.Image i : ecr.images().values()) {
      for (EcrFacts.LateFinding f : i.late()) {
        gaps.add(
            new Gap(
                GapKind.FINDING_PAST_SLA,
                i.reference(),
                f.severity()
                    + " "
                    + f.vulnerabilityId()
                    + (f.packageName().isEmpty() ? "" : " in " + f.packageName())
                    + " first seen "
                    + f.firstSeen()
                    + ", still open at "
                    + reference
                    + ": "
                    + java.time.Duration.between(f.firstSeen(), reference).toDays()
                    + " days, more than the "
                    + sla.toDays()
                    + "-day SLA",
                Optional.of(f.firstSeen())));
      }
    }
    for (var p : ecr.problems()) {
      gaps.add(
          Gap.of(
              GapKind.COLLECTION_INCOMPLETE,
              p.operation() + (p.target().isEmpty() ? "" : " " + p.target()),
              "ECR evidence could not be collected completely: "
                  + p.reason()
                  + ": "
                  + p.message()));
    }
  }

  static String places(List<RunningImage> running) {
    List<String> p =
        running.stream().filter(RunningImage::running).map(RunningImage::place).toList();
    if (p.size() <= 3) {
      return String.join(", ", p);
    }
    return String.join(", ", p.subList(0, 3)) + " and " + (p.size() - 3) + " more";
  }

  private static ObjectNode json(ImageRow row) {
    ObjectNode n = PacketJson.object();
    n.put("reference", row.reference());
    n.put("digest", row.digest());
    n.put("repository", row.repository());
    ArrayNode running = n.putArray("running");
    for (RunningImage r : row.running()) {
      InventoryStage.putPlacement(running.addObject(), r);
    }
    n.set("verdict", row.facts().toJson());
    ObjectNode ecr = n.putObject("ecr");
    row.ecr()
        .ifPresent(
            i -> {
              ecr.put("reference", i.reference());
              ecr.set("tags", PacketJson.strings(i.image().tags()));
              ecr.put("pushedAt", i.image().pushedAt().map(Instant::toString).orElse(""));
              ecr.put("scanStatus", i.image().scanStatus().orElse(""));
              ecr.put(
                  "scanCompletedAt", i.image().scanCompletedAt().map(Instant::toString).orElse(""));
              ObjectNode sev = ecr.putObject("openFindings");
              new TreeMap<>(i.severities()).forEach(sev::put);
              ecr.put("oldestOpenFinding", i.oldestOpen().map(Instant::toString).orElse(""));
              ecr.put("findingsPastSla", i.late().size());
            });
    ArrayNode pushes = n.putArray("pushes");
    for (CloudTrailFacts.Push p : row.pushes()) {
      ObjectNode o = pushes.addObject();
      o.put("time", p.time().toString());
      o.put("principal", p.principal());
      o.put("ci", p.ci());
      o.put("repository", p.repository());
      o.put("tag", p.tag());
      o.put("eventId", p.eventId());
    }
    ObjectNode admission = n.putObject("admission");
    row.admission()
        .ifPresent(
            a -> {
              admission.put("records", a.records());
              admission.put("allowed", a.allowed());
              admission.put("denied", a.denied());
              admission.put("last", a.last().toString());
              admission.put("lastDecision", a.lastDecision());
              admission.put("lastPolicyRevision", a.lastPolicyRevision());
              admission.put("lastObject", a.lastObject());
            });
    n.set("gaps", PacketJson.strings(row.gaps().stream().map(Enum::name).sorted().toList()));
    return n;
  }
}
