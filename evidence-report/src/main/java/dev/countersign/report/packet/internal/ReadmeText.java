package dev.countersign.report.packet.internal;

import dev.countersign.report.packet.GapKind;
import java.nio.charset.StandardCharsets;

/** {@code README.txt}: what the packet is, its layout, and how to check it by hand. */
public final class ReadmeText {
  public static final String FILE = "README.txt";
  private final ReportModel m;

  public ReadmeText(ReportModel model) {
    this.m = model;
  }

  public byte[] render() {
    StringBuilder b = new StringBuilder();
    b.append("CMMC Level 2 evidence packet\n");
    b.append("============================\n\n");
    b.append("Organization: ").append(m.settings().organization()).append('\n');
    b.append("Evidence window: ")
        .append(m.settings().window().start())
        .append(" to ")
        .append(m.settings().window().end())
        .append('\n');
    b.append("Generated: ")
        .append(m.generated())
        .append(" by Countersign ")
        .append(m.settings().toolVersion())
        .append('\n');
    b.append("CMMC catalog: ")
        .append(m.catalog().id())
        .append(", revision ")
        .append(m.catalog().revision())
        .append('\n');
    b.append("Policy revision: ").append(m.policyRevision()).append('\n');
    b.append("Manifest signing key: ")
        .append(m.keyId())
        .append(m.ephemeralKey() ? " (made for this packet only; see AUTHENTICITY)" : "")
        .append("\n\n");
    b.append(
        "This packet is evidence. It links each file to the NIST SP 800-171A assessment objectives\n"
            + "it supports (CMMC Level 2 practice ids such as CM.L2-3.4.8) and says how far: direct,\n"
            + "partial, or needing the organization's own documents. It never declares an objective\n"
            + "MET or NOT MET: that determination is the assessor's.\n\n");
    b.append("Start with report.html (open it in any browser; it needs no network).\n\n");

    b.append("LAYOUT\n------\n");
    b.append(
        "report.html                      the report for people: summary by practice and objective,\n"
            + "                                 coverage gaps, one row per image, AWS and admission evidence\n"
            + "oscal/assessment-results.json    OSCAL 1.1.3 assessment results (observations with their\n"
            + "                                 evidence files, SHA-256 and queries; no findings)\n"
            + "practices/<CMMC id>/             for each practice with evidence: that evidence (hard links\n"
            + "                                 or copies of files under evidence/) and index.json naming,\n"
            + "                                 per objective, the evidence kind, coverage, rationale, file,\n"
            + "                                 SHA-256 and query\n"
            + "evidence/inputs.json             what the packet was built from (window, sources, patterns)\n"
            + "evidence/inventory/              running containers (running.jsonl) and the raw inventory\n"
            + "                                 sources with their queries (sources/queries.jsonl)\n"
            + "evidence/images/decisions.jsonl  every image digest's policy decision with every check\n"
            + "evidence/images/correlation.jsonl  per digest: running where, pushed by, signed by, built\n"
            + "                                 by, scanned, admitted, and its gaps\n"
            + "evidence/images/evidence-index.jsonl  every raw piece of image evidence and its blob\n"
            + "evidence/images/<registry>/<repository>/sha256-<hex>/  evidence.json: every piece of\n"
            + "                                 evidence found beside the image (where, kind, blob,\n"
            + "                                 annotations) and its line in decisions.jsonl\n"
            + "evidence/images/blobs/sha256/    raw evidence by content: cosign signature payloads, DSSE\n"
            + "                                 envelopes, in-toto statements (SBOMs, provenance),\n"
            + "                                 certificates, Sigstore bundles\n"
            + "evidence/policies/               the ImagePolicy files in force and index.json (revision,\n"
            + "                                 lint findings)\n"
            + "evidence/trust-roots/            the trust roots used and index.json\n"
            + "evidence/admission/              decision logs as delivered, their verification, a summary,\n"
            + "                                 and the webhook configurations\n"
            + "evidence/aws/ecr/raw/            every Amazon ECR API answer as received, indexed with the\n"
            + "                                 exact request in raw/queries.jsonl\n"
            + "evidence/aws/ecr/*.jsonl         repositories, images, findings, repository policies\n"
            + "evidence/aws/cloudtrail/events/  ECR events per category (push, pull,\n"
            + "                                 configuration-change, access-denied, other), gzip JSON lines\n"
            + "                                 with each record exactly as CloudTrail delivered it\n"
            + "evidence/aws/cloudtrail/read-report.json  records read, kept, duplicates removed, per source\n"
            + "evidence/aws/cloudtrail/integrity.json    log file integrity validation (digest chain)\n"
            + "evidence/gaps/gaps.jsonl         every coverage gap (kind, subject, detail, time)\n"
            + "manifest.json, manifest.sig      every file's path, size and SHA-256, signed\n"
            + "manifest.pub                     the signing key's public half (PEM)\n"
            + "CMMCAssessmentArtifacts.log      SHA-256 of every file (CMMC Hashing Guide format)\n"
            + "CMMCAssessmentLogHash.log        SHA-256 of CMMCAssessmentArtifacts.log\n\n");

    b.append("GAP KINDS\n---------\n");
    for (GapKind k : GapKind.values()) {
      b.append(k.name())
          .append(": ")
          .append(k.title())
          .append(" (")
          .append(m.gapCounts().getOrDefault(k, 0L))
          .append(" in this packet)\n");
    }
    b.append('\n');

    b.append("CHECKING THE PACKET\n-------------------\n");
    b.append(
        "With Countersign:\n"
            + "    countersign packet verify <packet folder> [--public-key manifest-signing.pub]\n"
            + "names every file that was changed, added or removed, one per line (exit 0 intact, 1 not).\n\n"
            + "CMMCAssessmentArtifacts.log is what PowerShell's\n"
            + "    Get-FileHash -Algorithm SHA256 | Export-Csv -NoTypeInformation\n"
            + "writes: a CSV with the header \"Algorithm\",\"Hash\",\"Path\", upper-case hex, CRLF line ends,\n"
            + "ASCII, one line per file (every file of the packet except the two .log files), paths\n"
            + "relative to this folder. The DoD CIO's ArtifactHash.ps1 writes the same three columns as\n"
            + "a table with absolute paths; the hashes are the same. CMMCAssessmentLogHash.log holds the\n"
            + "SHA-256 of CMMCAssessmentArtifacts.log in the same format: that value is the one to record\n"
            + "with the assessor (eMASS \"Hash Value\").\n\n"
            + "PowerShell, from this folder:\n"
            + "    (Get-FileHash -Algorithm SHA256 CMMCAssessmentArtifacts.log).Hash\n"
            + "    Import-Csv CMMCAssessmentArtifacts.log | ForEach-Object {\n"
            + "      if ((Get-FileHash -Algorithm SHA256 -LiteralPath $_.Path).Hash -ne $_.Hash) { \"CHANGED $($_.Path)\" } }\n\n"
            + "sha256sum, from this folder:\n"
            + "    sha256sum CMMCAssessmentArtifacts.log    # compare with CMMCAssessmentLogHash.log\n"
            + "    tail -n +2 CMMCAssessmentArtifacts.log | tr -d '\"\\r' \\\n"
            + "      | awk -F, '{print tolower($2) \"  \" $3}' | sha256sum -c --quiet\n\n");

    b.append("AUTHENTICITY\n------------\n");
    if (m.ephemeralKey()) {
      b.append(
          "No signing key was given, so the manifest was signed with a key made for this packet\n"
              + "alone; its public half is manifest.pub. That signature shows the packet is unchanged\n"
              + "since signing only if the key id above, or the value in CMMCAssessmentLogHash.log, is\n"
              + "recorded somewhere the packet's holder cannot change (for example, given to the\n"
              + "assessor when the packet is handed over).\n\n");
    } else {
      b.append(
          "The manifest is signed with the organization's key (id above). Verify with that key's\n"
              + "public half, obtained separately: countersign packet verify . --public-key KEY.pub\n\n");
    }

    b.append("ASSESSMENT PLAN\n---------------\n");
    b.append(
        "oscal/assessment-results.json imports an assessment plan (import-ap). "
            + (m.settings().assessmentPlan().isPresent()
                ? "It names " + m.settings().assessmentPlan().get() + ".\n"
                : "None was named when the packet was built, so it points to this section: the\n"
                    + "assessment plan is the assessor's (C3PAO's) own document, and this packet is\n"
                    + "evidence for it. Rebuild with --assessment-plan URI to reference it.\n")
            + "\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
