package dev.countersign.report.oscal;

import dev.countersign.report.cmmc.CmmcCatalog;
import dev.countersign.report.cmmc.Objective;
import dev.countersign.report.cmmc.Practice;
import gov.nist.secauto.metaschema.core.datatype.markup.MarkupLine;
import gov.nist.secauto.metaschema.core.datatype.markup.MarkupMultiline;
import gov.nist.secauto.metaschema.databind.io.Format;
import gov.nist.secauto.metaschema.databind.io.ISerializer;
import gov.nist.secauto.oscal.lib.OscalBindingContext;
import gov.nist.secauto.oscal.lib.model.AssessmentResults;
import gov.nist.secauto.oscal.lib.model.BackMatter;
import gov.nist.secauto.oscal.lib.model.Hash;
import gov.nist.secauto.oscal.lib.model.ImportAp;
import gov.nist.secauto.oscal.lib.model.InventoryItem;
import gov.nist.secauto.oscal.lib.model.Link;
import gov.nist.secauto.oscal.lib.model.Metadata;
import gov.nist.secauto.oscal.lib.model.Origin;
import gov.nist.secauto.oscal.lib.model.OriginActor;
import gov.nist.secauto.oscal.lib.model.Property;
import gov.nist.secauto.oscal.lib.model.ResponsibleParty;
import gov.nist.secauto.oscal.lib.model.Result;
import gov.nist.secauto.oscal.lib.model.ReviewedControls;
import gov.nist.secauto.oscal.lib.model.SelectControlById;
import gov.nist.secauto.oscal.lib.model.SelectObjectiveById;
import gov.nist.secauto.oscal.lib.model.SubjectReference;
import gov.nist.secauto.oscal.lib.model.SystemComponent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the OSCAL 1.1.3 assessment-results document of an audit packet, with liboscal-java's bound
 * model and serializer, and validates such documents.
 *
 * <p>The document records evidence and never a determination. Observations carry the evidence files
 * (path and SHA-256), the exact query behind each, what they are about, and the CMMC objectives
 * they support with their coverage; {@code reviewed-controls} selects the practices and objectives
 * in scope. There are no {@code findings}: in OSCAL a finding must state whether its objective is
 * {@code satisfied} or {@code not-satisfied}, and that is the assessor's decision.
 *
 * <p>Identifiers: control ids are the CMMC practice ids ({@code CM.L2-3.4.8}); an objective id is
 * the practice id, {@code _obj.} and the letter ({@code CM.L2-3.4.8_obj.c} is {@code
 * CM.L2-3.4.8[c]}), after NIST's convention for SP 800-53 objectives, because OSCAL tokens may not
 * contain brackets and may not start with a digit. UUIDs other than the observations' are
 * name-based (version 5), so the same input gives the same document.
 *
 * <pre>{@code
 * AssessmentResultsWriter writer = new AssessmentResultsWriter(CmmcCatalog.load());
 * writer.write(input, packetDir.resolve("oscal/assessment-results.json"));
 * List<OscalProblem> problems = writer.validate(packetDir.resolve("oscal/assessment-results.json"));
 * }</pre>
 */
public final class AssessmentResultsWriter {
  /** The OSCAL version written and validated against. */
  public static final String OSCAL_VERSION = "1.1.3";

  /** The namespace of Countersign's OSCAL properties. */
  public static final URI NAMESPACE = URI.create("https://countersign.dev/ns/oscal");

  private final CmmcCatalog catalog;

  public AssessmentResultsWriter(CmmcCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * The OSCAL objective id of a CMMC objective: {@code CM.L2-3.4.8[c]} becomes {@code
   * CM.L2-3.4.8_obj.c}.
   */
  public static String oscalObjectiveId(Objective objective) {
    return objective.practiceId() + "_obj." + objective.letter();
  }

  /**
   * Builds the document from {@code input}, writes it to {@code file} as JSON (replacing it
   * atomically), and validates what was written.
   *
   * @throws IllegalArgumentException if the input names a practice or objective that is not in the
   *     catalog, an objective outside the practices in scope, or repeats an observation
   * @throws IllegalStateException if the written document does not validate, which is a defect here
   *     and is never passed on as a packet
   */
  public void write(AssessmentResultsInput input, Path file) throws IOException {
    AssessmentResults doc = build(input);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: its owner-only permissions would carry over to the result, which
    // is meant to be read by others (the assessor).
    Path tmp = dir.resolve(".assessment-results-" + java.util.UUID.randomUUID() + ".json");
    try {
      ISerializer<AssessmentResults> serializer =
          OscalBindingContext.instance().newSerializer(Format.JSON, AssessmentResults.class);
      try (OutputStream out =
          Files.newOutputStream(
              tmp,
              java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE)) {
        serializer.serialize(doc, out);
      }
      List<OscalProblem> errors =
          OscalValidator.instance().validate(tmp).stream().filter(OscalProblem::error).toList();
      if (!errors.isEmpty()) {
        throw new IllegalStateException(
            "the assessment-results document built for " + file + " does not validate: " + errors);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Validates an assessment-results JSON file against the official OSCAL 1.1.3 JSON schema (as
   * shipped in liboscal-java) and the packet rule that nothing declares an objective satisfied or
   * not satisfied. Offline. An empty list means no problem was found.
   */
  public List<OscalProblem> validate(Path file) {
    return OscalValidator.instance().validate(file);
  }

  AssessmentResults build(AssessmentResultsInput input) {
    PacketMetadata meta = input.metadata();
    List<Practice> scope = practicesInScope(input.practicesInScope());
    Set<String> scopeIds = new HashSet<>();
    scope.forEach(p -> scopeIds.add(p.id()));
    if (input.observations().isEmpty()) {
      throw new IllegalArgumentException("no observations: there is no evidence to record");
    }

    String seed =
        meta.organization()
            + "|"
            + meta.windowStart()
            + "|"
            + meta.windowEnd()
            + "|"
            + meta.generated();
    UUID toolUuid = Uuids.v5("component|countersign|" + meta.toolVersion());
    UUID partyUuid = Uuids.v5("party|" + meta.organization());

    AssessmentResults doc = new AssessmentResults();
    doc.setUuid(Uuids.v5("assessment-results|" + seed));
    doc.setMetadata(metadata(meta, partyUuid));
    ImportAp ap = new ImportAp();
    ap.setHref(meta.assessmentPlan());
    doc.setImportAp(ap);

    Result result = new Result();
    result.setUuid(Uuids.v5("result|" + seed));
    result.setTitle(MarkupLine.fromMarkdown("Evidence for CMMC Level 2 assessment objectives"));
    result.setDescription(
        MarkupMultiline.fromMarkdown(
            "Evidence collected by Countersign for "
                + meta.organization()
                + " and the CMMC Level 2 assessment objectives it supports. This result makes no"
                + " determination: whether an objective is satisfied is the assessor's decision,"
                + " so it contains observations and no findings."));
    result.setStart(utc(meta.windowStart()));
    result.setEnd(utc(meta.windowEnd()));
    result.setProps(
        List.of(
            prop(
                "determinations",
                "none",
                "Objectives are linked to evidence with a coverage (direct, partial,"
                    + " organization-documents); none is declared satisfied or not satisfied.")));
    result.setReviewedControls(reviewedControls(scope));

    Map<String, InventoryItem> items = new LinkedHashMap<>();
    Map<String, BackMatter.Resource> resources = new LinkedHashMap<>();
    Set<UUID> seen = new HashSet<>();
    List<gov.nist.secauto.oscal.lib.model.Observation> observations = new ArrayList<>();
    for (Observation o : input.observations()) {
      if (!seen.add(o.uuid())) {
        throw new IllegalArgumentException("observation " + o.uuid() + " appears twice");
      }
      observations.add(observation(o, scopeIds, toolUuid, items, resources));
    }
    result.setObservations(observations);

    Result.LocalDefinitions local = new Result.LocalDefinitions();
    local.setComponents(List.of(tool(meta.toolVersion(), toolUuid)));
    if (!items.isEmpty()) {
      local.setInventoryItems(List.copyOf(items.values()));
    }
    result.setLocalDefinitions(local);
    doc.setResults(List.of(result));

    BackMatter back = new BackMatter();
    back.setResources(List.copyOf(resources.values()));
    doc.setBackMatter(back);
    return doc;
  }

  private List<Practice> practicesInScope(List<String> ids) {
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no practices in scope: reviewed-controls would be empty");
    }
    List<Practice> out = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      out.add(
          catalog
              .practice(id)
              .orElseThrow(
                  () -> new IllegalArgumentException(id + " is not a CMMC Level 2 practice")));
    }
    return out;
  }

  private Metadata metadata(PacketMetadata meta, UUID partyUuid) {
    Metadata md = new Metadata();
    md.setTitle(MarkupLine.fromMarkdown(meta.title()));
    md.setLastModified(utc(meta.generated()));
    md.setVersion(meta.generated().toString());
    md.setOscalVersion(OSCAL_VERSION);
    md.setProps(
        List.of(
            prop("generator", "countersign " + meta.toolVersion(), null),
            prop("cmmc-catalog", catalog.id(), null),
            prop("cmmc-catalog-revision", catalog.revision(), null)));
    Metadata.Role role = new Metadata.Role();
    role.setId("prepared-for");
    role.setTitle(MarkupLine.fromMarkdown("Prepared For"));
    md.setRoles(List.of(role));
    Metadata.Party party = new Metadata.Party();
    party.setUuid(partyUuid);
    party.setType("organization");
    party.setName(meta.organization());
    md.setParties(List.of(party));
    ResponsibleParty rp = new ResponsibleParty();
    rp.setRoleId("prepared-for");
    rp.setPartyUuids(List.of(partyUuid));
    md.setResponsibleParties(List.of(rp));
    return md;
  }

  private ReviewedControls reviewedControls(List<Practice> scope) {
    ReviewedControls rc = new ReviewedControls();
    rc.setDescription(
        MarkupMultiline.fromMarkdown(
            "CMMC Level 2 practices (NIST SP 800-171 Rev. 2 requirements) and their NIST SP"
                + " 800-171A assessment objectives for which this packet holds evidence."));
    ReviewedControls.ControlSelection controls = new ReviewedControls.ControlSelection();
    List<SelectControlById> include = new ArrayList<>();
    List<SelectObjectiveById> objectives = new ArrayList<>();
    for (Practice p : scope) {
      SelectControlById c = new SelectControlById();
      c.setControlId(p.id());
      include.add(c);
      for (Objective o : p.objectives()) {
        SelectObjectiveById s = new SelectObjectiveById();
        s.setObjectiveId(oscalObjectiveId(o));
        objectives.add(s);
      }
    }
    controls.setIncludeControls(include);
    rc.setControlSelections(List.of(controls));
    ReviewedControls.ControlObjectiveSelection objs =
        new ReviewedControls.ControlObjectiveSelection();
    objs.setIncludeObjectives(objectives);
    rc.setControlObjectiveSelections(List.of(objs));
    rc.setRemarks(
        MarkupMultiline.fromMarkdown(
            "Control ids are CMMC Level 2 practice ids as in the CMMC Assessment Guide - Level 2."
                + " Objective ids are the practice id, _obj. and the SP 800-171A objective letter:"
                + " CM.L2-3.4.8_obj.c is objective CM.L2-3.4.8[c]. Catalog: "
                + catalog.id()
                + ", revision "
                + catalog.revision()
                + "."));
    return rc;
  }

  private gov.nist.secauto.oscal.lib.model.Observation observation(
      Observation o,
      Set<String> scope,
      UUID toolUuid,
      Map<String, InventoryItem> items,
      Map<String, BackMatter.Resource> resources) {
    gov.nist.secauto.oscal.lib.model.Observation out =
        new gov.nist.secauto.oscal.lib.model.Observation();
    out.setUuid(o.uuid());
    out.setTitle(MarkupLine.fromMarkdown(o.title()));
    out.setDescription(MarkupMultiline.fromMarkdown(o.description()));
    List<String> methods = new ArrayList<>();
    for (Method m : Method.values()) {
      if (o.methods().contains(m)) {
        methods.add(m.name());
      }
    }
    out.setMethods(methods);
    if (!o.types().isEmpty()) {
      out.setTypes(o.types());
    }

    List<Property> props = new ArrayList<>();
    Set<String> linked = new HashSet<>();
    for (ObjectiveLink link : o.objectives()) {
      Objective objective =
          catalog
              .objective(link.objectiveId())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "observation "
                              + o.uuid()
                              + " names "
                              + link.objectiveId()
                              + ", which is not a CMMC Level 2 objective"));
      if (!scope.contains(objective.practiceId())) {
        throw new IllegalArgumentException(
            "observation "
                + o.uuid()
                + " supports "
                + link.objectiveId()
                + " but practice "
                + objective.practiceId()
                + " is not in scope");
      }
      if (!linked.add(objective.id())) {
        throw new IllegalArgumentException(
            "observation " + o.uuid() + " names " + link.objectiveId() + " twice");
      }
      // Why: the coverage rides in the property's class, next to the objective it qualifies; a
      // separate property could be separated from its objective by a consumer.
      Property p = prop("supports-objective", oscalObjectiveId(objective), null);
      p.setClazz(link.coverage().key());
      props.add(p);
    }
    if (!props.isEmpty()) {
      out.setProps(props);
    }

    Origin origin = new Origin();
    OriginActor actor = new OriginActor();
    actor.setType("tool");
    actor.setActorUuid(toolUuid);
    origin.setActors(List.of(actor));
    out.setOrigins(List.of(origin));

    if (!o.subjects().isEmpty()) {
      List<SubjectReference> refs = new ArrayList<>();
      for (Subject s : o.subjects()) {
        InventoryItem item =
            items.computeIfAbsent(s.type() + "|" + s.identifier(), k -> inventoryItem(s));
        SubjectReference ref = new SubjectReference();
        ref.setSubjectUuid(item.getUuid());
        ref.setType("inventory-item");
        ref.setTitle(MarkupLine.fromMarkdown(s.title()));
        refs.add(ref);
      }
      out.setSubjects(refs);
    }

    List<gov.nist.secauto.oscal.lib.model.Observation.RelevantEvidence> evidence =
        new ArrayList<>();
    for (EvidenceFile f : o.evidence()) {
      BackMatter.Resource resource =
          resources.computeIfAbsent(f.path() + "|" + f.sha256(), k -> resource(f));
      gov.nist.secauto.oscal.lib.model.Observation.RelevantEvidence re =
          new gov.nist.secauto.oscal.lib.model.Observation.RelevantEvidence();
      re.setHref(URI.create(f.path()));
      re.setDescription(MarkupMultiline.fromMarkdown(f.description()));
      List<Property> eprops = new ArrayList<>();
      eprops.add(prop("sha256", f.sha256(), null));
      eprops.add(prop("media-type", f.mediaType(), null));
      f.query().ifPresent(q -> eprops.add(prop("query", q, null)));
      re.setProps(eprops);
      Link link = new Link();
      link.setHref(URI.create("#" + resource.getUuid()));
      link.setRel("reference");
      re.setLinks(List.of(link));
      evidence.add(re);
    }
    out.setRelevantEvidence(evidence);
    out.setCollected(utc(o.collected()));
    return out;
  }

  private static InventoryItem inventoryItem(Subject s) {
    InventoryItem item = new InventoryItem();
    item.setUuid(Uuids.v5("subject|" + s.type() + "|" + s.identifier()));
    item.setDescription(MarkupMultiline.fromMarkdown(s.title()));
    item.setProps(
        List.of(prop("subject-type", s.type(), null), prop("identifier", s.identifier(), null)));
    return item;
  }

  private static BackMatter.Resource resource(EvidenceFile f) {
    BackMatter.Resource r = new BackMatter.Resource();
    r.setUuid(Uuids.v5("evidence|" + f.path() + "|" + f.sha256()));
    r.setTitle(MarkupLine.fromMarkdown(f.path()));
    BackMatter.Resource.Rlink rlink = new BackMatter.Resource.Rlink();
    rlink.setHref(URI.create(f.path()));
    rlink.setMediaType(f.mediaType());
    Hash hash = new Hash();
    hash.setAlgorithm("SHA-256");
    hash.setValue(f.sha256());
    rlink.setHashes(List.of(hash));
    r.setRlinks(List.of(rlink));
    return r;
  }

  private static SystemComponent tool(String version, UUID uuid) {
    SystemComponent c = new SystemComponent();
    c.setUuid(uuid);
    c.setType("software");
    c.setTitle(MarkupLine.fromMarkdown("Countersign " + version));
    c.setDescription(
        MarkupMultiline.fromMarkdown(
            "Verifies signatures, SLSA provenance and SBOMs of container images offline and"
                + " collected the evidence in this packet."));
    c.setProps(List.of(prop("version", version, null)));
    SystemComponent.Status status = new SystemComponent.Status();
    status.setState("operational");
    c.setStatus(status);
    return c;
  }

  private static Property prop(String name, String value, String remarks) {
    Property p = new Property();
    p.setName(name);
    p.setNs(NAMESPACE);
    p.setValue(value);
    if (remarks != null) {
      p.setRemarks(MarkupMultiline.fromMarkdown(remarks));
    }
    return p;
  }

  private static ZonedDateTime utc(Instant t) {
    return t.atZone(ZoneOffset.UTC);
  }
}
