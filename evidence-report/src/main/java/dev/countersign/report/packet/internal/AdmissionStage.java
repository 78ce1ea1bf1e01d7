package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.records.DecisionLog;
import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionRecord;
import dev.countersign.admission.records.ImageDecision;
import dev.countersign.admission.records.LogProblem;
import dev.countersign.admission.records.LogVerification;
import dev.countersign.admission.records.LogVerificationJson;
import dev.countersign.admission.records.PolicyOutcome;
import dev.countersign.admission.records.TamperedLogException;
import dev.countersign.admission.records.VerifiedRecord;
import dev.countersign.admission.records.VerifyOptions;
import dev.countersign.report.aws.TimeWindow;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.packet.Gap;
import dev.countersign.report.packet.GapKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Admission evidence: the webhook's decision logs (copied, their chain and signatures verified, the
 * verified records read for the window) and the webhook configurations (failure policy). Records
 * are only used as evidence of an admission once their chain position and a covering signature
 * verified; a broken chain is a gap, and the records it stops are counted, not used.
 */
public final class AdmissionStage {
  public static final String DIR = "evidence/admission";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final PacketFiles files;
  private final TimeWindow window;
  private final Instant now;
  private final Duration maxSilence;
  private final Set<String> digests;
  private final GapLog gaps;

  public AdmissionStage(
      PacketFiles files,
      TimeWindow window,
      Instant now,
      Duration maxSilence,
      Set<String> digests,
      GapLog gaps) {
    this.files = files;
    this.window = window;
    this.now = now;
    this.maxSilence = maxSilence;
    this.digests = Set.copyOf(digests);
    this.gaps = gaps;
  }

  public AdmissionFacts run(
      List<Path> logs, List<PublicKey> keys, boolean open, List<RawEvidence> configurations)
      throws IOException {
    List<AdmissionFacts.Webhook> webhooks = webhooks(configurations);
    if (logs.isEmpty()) {
      gaps.add(
          Gap.of(
              GapKind.EVIDENCE_NOT_PROVIDED,
              "admission.decisions",
              "no decision log of the admission webhook was given, so no admission in the window"
                  + " is evidenced"));
      return new AdmissionFacts(
          Optional.empty(),
          0,
          0,
          Map.of(),
          Map.of(),
          0,
          List.of(),
          webhooks,
          !configurations.isEmpty());
    }
    List<String> copies = new ArrayList<>();
    for (Path log : logs) {
      String name = DIR + "/decision-logs/" + Names.segment(log.getFileName().toString());
      files.copy(log, name);
      copies.add(name);
    }
    VerifyOptions options =
        VerifyOptions.defaults().withExpectedKeys(keys).withOpenTail(open).withMaxProblems(1000);
    LogVerification verification;
    try {
      verification = DecisionLog.verify(logs, options);
    } catch (DecisionLogException e) {
      gaps.add(
          Gap.of(
              GapKind.COLLECTION_INCOMPLETE,
              "admission.decisions",
              "the decision log could not be read: " + e.getMessage()));
      return new AdmissionFacts(
          Optional.empty(),
          0,
          0,
          Map.of(),
          Map.of(),
          0,
          List.of(),
          webhooks,
          !configurations.isEmpty());
    }
    files.write(
        DIR + "/verification.json",
        (LogVerificationJson.toPrettyJson(verification) + "\n").getBytes(StandardCharsets.UTF_8));
    for (LogProblem p : verification.problems()) {
      gaps.add(
          Gap.of(
              GapKind.DECISION_LOG_TAMPERED,
              p.file().getFileName() + ":" + p.line(),
              p.kind()
                  + ": "
                  + p.message()
                  + " (records from this point on are not used as evidence of admission)"));
    }

    Reader reader = new Reader();
    String stoppedAt = "";
    try (Stream<VerifiedRecord> records = DecisionLog.read(logs, options)) {
      Iterator<VerifiedRecord> it = records.iterator();
      while (it.hasNext()) {
        reader.accept(it.next());
      }
    } catch (TamperedLogException e) {
      // Why: records after a break cannot be told apart from forged ones; they are counted in the
      // verification report but never used as evidence that an admission happened.
      stoppedAt = e.problem().toString();
    } catch (DecisionLogException e) {
      stoppedAt = e.getMessage();
    }
    reader.finish();

    ObjectNode summary = PacketJson.object();
    summary.put("files", verification.files().size());
    summary.put("lines", verification.lines());
    summary.put("recordsInLog", verification.records());
    summary.put("recordsVerifiedAndRead", reader.read);
    summary.put("recordsInWindow", reader.inWindow);
    summary.put("valid", verification.valid());
    summary.put("problems", verification.problemCount());
    summary.put("readStoppedAt", stoppedAt);
    summary.put("window", window.toString());
    ObjectNode d = summary.putObject("decisionsInWindow");
    new TreeMap<>(reader.decisions).forEach(d::put);
    summary.put("admittedWithoutVerification", reader.unverified);
    var silences = summary.putArray("periodsWithoutRecords");
    for (AdmissionFacts.Period p : reader.silences) {
      silences.addObject().put("start", p.start().toString()).put("end", p.end().toString());
    }
    summary.put("maxSilence", maxSilence.toString());
    if (!verification.valid()) {
      summary.set("unverified", unverifiedSummary(logs));
    }
    files.writeJson(DIR + "/summary.json", summary);

    for (String c : copies) {
      files
          .registry()
          .add(
              c,
              "application/x-ndjson",
              "The admission webhook's decision log as delivered: hash-chained, signed JSON lines,"
                  + " one per admission decision.",
              "",
              "admission.decisions");
    }
    files
        .registry()
        .add(
            DIR + "/verification.json",
            "application/json",
            "Verification of the decision log: every line's signature, hash chain and sequence, and"
                + " every problem found.",
            "",
            "admission.decisions");
    files
        .registry()
        .add(
            DIR + "/summary.json",
            "application/json",
            "Admission decisions in the window by outcome, admissions without a verified decision,"
                + " and periods without any record.",
            "",
            "admission.decisions",
            "coverage.gaps");

    return new AdmissionFacts(
        Optional.of(verification),
        reader.read,
        reader.inWindow,
        reader.decisions,
        reader.byDigest,
        reader.unverified,
        reader.silences,
        webhooks,
        !configurations.isEmpty());
  }

  /**
   * What the lines of a log that does not verify say, read as plain JSON: for the report only,
   * labelled unverified, and never used as evidence that an admission happened.
   */
  private ObjectNode unverifiedSummary(List<Path> logs) throws IOException {
    ObjectNode n = PacketJson.object();
    long records = 0;
    long unreadable = 0;
    Instant first = null;
    Instant last = null;
    Map<String, Long> decisions = new TreeMap<>();
    for (Path log : logs) {
      try (var lines = java.nio.file.Files.lines(log, StandardCharsets.UTF_8)) {
        for (String line : (Iterable<String>) lines::iterator) {
          JsonNode r;
          try {
            r = PacketJson.MAPPER.readTree(line).get("record");
          } catch (IOException | RuntimeException e) {
            unreadable++;
            continue;
          }
          if (r == null || !r.isObject()) {
            continue;
          }
          records++;
          decisions.merge(r.path("decision").asText("?"), 1L, Long::sum);
          try {
            Instant t = Instant.parse(r.path("time").asText());
            first = first == null || t.isBefore(first) ? t : first;
            last = last == null || t.isAfter(last) ? t : last;
          } catch (RuntimeException e) {
            unreadable++;
          }
        }
      }
    }
    n.put(
        "note",
        "UNVERIFIED: read from a log whose chain or signatures do not verify; shown for the"
            + " assessor, not used as evidence of any admission");
    n.put("records", records);
    n.put("unreadableLines", unreadable);
    n.put("firstTime", first == null ? "" : first.toString());
    n.put("lastTime", last == null ? "" : last.toString());
    ObjectNode d = n.putObject("decisions");
    decisions.forEach(d::put);
    return n;
  }

  private final class Reader {
    long read;
    long inWindow;
    long unverified;
    final Map<String, Long> decisions = new HashMap<>();
    final Map<String, AdmissionFacts.Admission> byDigest = new HashMap<>();
    final List<AdmissionFacts.Period> silences = new ArrayList<>();
    Instant last = window.start();

    void accept(VerifiedRecord v) throws IOException {
      read++;
      DecisionRecord r = v.record();
      if (!window.contains(r.time())) {
        return;
      }
      inWindow++;
      silence(r.time());
      decisions.merge(r.decision().name(), 1L, Long::sum);
      String object =
          r.kind().kind() + " " + (r.namespace().isEmpty() ? "" : r.namespace() + "/") + r.name();
      for (ImageDecision i : r.images()) {
        boolean admitted =
            i.decision() != AdmissionOutcome.DENY && r.decision() != AdmissionOutcome.DENY;
        if (admitted && !r.dryRun()) {
          Optional<String> why = unverified(i);
          if (why.isPresent()) {
            unverified++;
            gaps.add(
                new Gap(
                    GapKind.ADMITTED_WITHOUT_VERIFICATION,
                    i.image() + (i.digest().isEmpty() ? "" : " (" + i.digest() + ")"),
                    object
                        + " "
                        + i.fieldPath()
                        + " was admitted "
                        + why.get()
                        + " ("
                        + v.file().getFileName()
                        + " line "
                        + v.line()
                        + ", uid "
                        + r.uid()
                        + ")",
                    Optional.of(r.time())));
          }
        }
        if (!i.digest().isEmpty() && digests.contains(i.digest()) && !r.dryRun()) {
          AdmissionFacts.Admission a = byDigest.get(i.digest());
          long records = a == null ? 1 : a.records() + 1;
          long allowed = (a == null ? 0 : a.allowed()) + (admitted ? 1 : 0);
          long denied = (a == null ? 0 : a.denied()) + (admitted ? 0 : 1);
          byDigest.put(
              i.digest(),
              new AdmissionFacts.Admission(
                  records,
                  allowed,
                  denied,
                  r.time(),
                  i.decision().name(),
                  r.policyRevision(),
                  object));
        }
      }
    }

    /** Why an admitted image had no verified decision, if it had none. */
    Optional<String> unverified(ImageDecision i) {
      if (i.policies().isEmpty()) {
        return Optional.of("without any policy evaluated (" + String.join(",", i.reasons()) + ")");
      }
      for (PolicyOutcome p : i.policies()) {
        if (p.outcome().equals("ERROR")) {
          return Optional.of(
              "although policy '" + p.policy() + "' could not be evaluated (" + p.reason() + ")");
        }
      }
      if (i.reasons().contains("NO_MATCHING_POLICY")) {
        return Optional.of("although no policy applied to it (NO_MATCHING_POLICY)");
      }
      return Optional.empty();
    }

    void silence(Instant t) throws IOException {
      if (Duration.between(last, t).compareTo(maxSilence) > 0) {
        period(last, t);
      }
      if (t.isAfter(last)) {
        last = t;
      }
    }

    void finish() throws IOException {
      Instant end = window.end().isAfter(now) ? now : window.end();
      if (end.isAfter(last) && Duration.between(last, end).compareTo(maxSilence) > 0) {
        period(last, end);
      }
    }

    private void period(Instant start, Instant end) throws IOException {
      silences.add(new AdmissionFacts.Period(start, end));
      gaps.add(
          new Gap(
              GapKind.ADMISSION_RECORDS_ABSENT,
              start + "/" + end,
              "no admission record from "
                  + start
                  + " to "
                  + end
                  + " ("
                  + human(Duration.between(start, end))
                  + ", more than the "
                  + human(maxSilence)
                  + " allowed): the webhook was down, bypassed or not recording",
              Optional.of(start)));
    }
  }

  private List<AdmissionFacts.Webhook> webhooks(List<RawEvidence> configurations)
      throws IOException {
    List<AdmissionFacts.Webhook> out = new ArrayList<>();
    for (RawEvidence c : configurations) {
      String path = DIR + "/webhook-configurations/" + Names.path(c.name());
      files.write(path, c.content());
      files
          .registry()
          .add(
              path,
              c.mediaType(),
              "ValidatingWebhookConfiguration(s) as found: failure policy, selectors, timeouts and"
                  + " rules of the admission webhooks.",
              c.query(),
              "admission.configuration");
      List<JsonNode> docs = new ArrayList<>();
      try (var parser = YAML.getFactory().createParser(c.content())) {
        var it = YAML.readValues(parser, JsonNode.class);
        while (it.hasNext()) {
          JsonNode doc = it.next();
          if (doc != null && doc.has("items") && doc.get("items").isArray()) {
            doc.get("items").forEach(docs::add);
          } else if (doc != null) {
            docs.add(doc);
          }
        }
      } catch (IOException | RuntimeException e) {
        gaps.add(
            Gap.of(
                GapKind.COLLECTION_INCOMPLETE,
                path,
                "the webhook configuration cannot be parsed as YAML or JSON: " + e.getMessage()));
        continue;
      }
      for (JsonNode doc : docs) {
        if (!"ValidatingWebhookConfiguration".equals(doc.path("kind").asText(""))
            && !doc.has("webhooks")) {
          continue;
        }
        String configName = doc.path("metadata").path("name").asText("");
        for (JsonNode w : doc.path("webhooks")) {
          String name = w.path("name").asText("");
          String service = w.path("clientConfig").path("service").path("name").asText("");
          if (!isCountersign(configName) && !isCountersign(name) && !isCountersign(service)) {
            continue;
          }
          // Kubernetes' default for admissionregistration.k8s.io/v1 is Fail.
          String policy = w.path("failurePolicy").asText("Fail");
          out.add(
              new AdmissionFacts.Webhook(
                  configName, name, policy, w.path("timeoutSeconds").asText("10"), path));
          if (policy.equalsIgnoreCase("Ignore")) {
            gaps.add(
                Gap.of(
                    GapKind.WEBHOOK_FAILS_OPEN,
                    configName + "/" + name,
                    "webhook "
                        + name
                        + " of "
                        + configName
                        + " has failurePolicy Ignore: when it fails or times out, the API server"
                        + " admits the workload unverified ("
                        + path
                        + ")"));
          }
        }
      }
    }
    if (!configurations.isEmpty() && out.isEmpty()) {
      gaps.add(
          Gap.of(
              GapKind.WEBHOOK_NOT_CONFIGURED,
              "admission.configuration",
              "the webhook configurations given hold no Countersign admission webhook, so no"
                  + " admission is verified"));
    }
    return out;
  }

  private static boolean isCountersign(String s) {
    return s.toLowerCase(Locale.ROOT).contains("countersign");
  }

  static String human(Duration d) {
    long hours = d.toHours();
    if (hours >= 48) {
      return d.toDays() + " days";
    }
    if (hours >= 1) {
      return hours + " h" + (d.toMinutesPart() == 0 ? "" : " " + d.toMinutesPart() + " min");
    }
    return d.toMinutes() + " min";
  }
}
