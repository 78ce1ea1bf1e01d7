package dev.countersign.report.packet.internal;

import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.cmmc.EvidenceKind;
import dev.countersign.report.cmmc.Mapping;
import dev.countersign.report.oscal.AssessmentResultsInput;
import dev.countersign.report.oscal.AssessmentResultsWriter;
import dev.countersign.report.oscal.EvidenceFile;
import dev.countersign.report.oscal.Method;
import dev.countersign.report.oscal.ObjectiveLink;
import dev.countersign.report.oscal.Observation;
import dev.countersign.report.oscal.OscalProblem;
import dev.countersign.report.oscal.PacketMetadata;
import dev.countersign.report.oscal.Subject;
import dev.countersign.report.oscal.Uuids;
import dev.countersign.report.packet.PacketException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The OSCAL 1.1.3 assessment results: one observation per kind of evidence the packet holds, each
 * citing its files (path, SHA-256, query) and the CMMC objectives the mapping links it to, with
 * their coverage. Written with liboscal-java and validated against the official schema; a document
 * that does not validate stops the packet.
 */
public final class OscalStage {
  public static final String FILE = "oscal/assessment-results.json";

  /** Namespace of the observation UUIDs (name-based, so a packet rebuilt alike is alike). */
  private static final UUID NAMESPACE = UUID.fromString("2f6c1a8e-5b1d-5c47-8d0e-6a3b9c2e4f71");

  private final PacketFiles files;
  private final CmmcCatalog catalog;
  private final Hashes hashes;

  public OscalStage(PacketFiles files, CmmcCatalog catalog, Hashes hashes) {
    this.files = files;
    this.catalog = catalog;
    this.hashes = hashes;
  }

  /**
   * @param subjects per evidence kind, what its observation is about
   * @param summaries per evidence kind, one sentence of what the packet found
   */
  public int write(
      PacketMetadata metadata, Map<String, List<Subject>> subjects, Map<String, String> summaries)
      throws IOException {
    List<Observation> observations = new ArrayList<>();
    Set<String> practices = new LinkedHashSet<>();
    for (EvidenceKind kind : catalog.evidenceKinds()) {
      List<EvidenceRegistry.Entry> entries = files.registry().forKind(kind.key());
      if (entries.isEmpty()) {
        continue;
      }
      List<EvidenceFile> evidence = new ArrayList<>();
      for (EvidenceRegistry.Entry e : entries) {
        evidence.add(
            new EvidenceFile(
                e.path(),
                hashes.file(files.resolve(e.path())),
                e.mediaType(),
                e.description(),
                e.query()));
      }
      List<ObjectiveLink> links = new ArrayList<>();
      for (Mapping m : catalog.objectivesFor(kind.key())) {
        links.add(new ObjectiveLink(m.objective().id(), m.coverage()));
        practices.add(m.objective().practiceId());
      }
      Set<Method> methods = EnumSet.of(Method.EXAMINE);
      if (kind.key().startsWith("image.") && kind.key().endsWith(".verdicts")) {
        // Each verdict comes from running the verification on the image's evidence.
        methods.add(Method.TEST);
      }
      String summary = summaries.getOrDefault(kind.key(), "");
      observations.add(
          new Observation(
              v5(metadata.organization() + "|" + metadata.generated() + "|" + kind.key()),
              kind.key(),
              kind.description() + (summary.isEmpty() ? "" : "\n\n" + summary),
              methods,
              List.of("control-objective"),
              subjects.getOrDefault(kind.key(), List.of()),
              evidence,
              metadata.generated(),
              links));
    }
    if (observations.isEmpty()) {
      throw new PacketException(
          PacketException.Reason.CONFIGURATION_INVALID,
          "the packet holds no evidence the CMMC mapping knows: nothing to record");
    }
    AssessmentResultsWriter writer = new AssessmentResultsWriter(catalog);
    try {
      writer.write(
          new AssessmentResultsInput(metadata, List.copyOf(practices), observations),
          files.resolve(FILE));
    } catch (IllegalStateException e) {
      throw new PacketException(PacketException.Reason.OSCAL_INVALID, e.getMessage(), e);
    }
    Path written = files.resolve(FILE);
    List<OscalProblem> errors =
        writer.validate(written).stream().filter(OscalProblem::error).toList();
    if (!errors.isEmpty()) {
      throw new PacketException(
          PacketException.Reason.OSCAL_INVALID,
          FILE + " does not validate against the OSCAL 1.1.3 schema: " + errors);
    }
    return observations.size();
  }

  /** A version 5 (name-based, SHA-1) UUID, as OSCAL accepts, in the packet's namespace. */
  static UUID v5(String name) {
    return Uuids.v5(NAMESPACE, name);
  }

  /** The default import-ap: the packet README's section on the assessment plan. */
  public static URI defaultAssessmentPlan() {
    return URI.create("../README.txt#assessment-plan");
  }
}
