package dev.countersign.report.packet.internal;

/**
 * Packet integrity: how the manifest is signed and how to check it, and the DoD CMMC hash logs. A
 * key made for the packet alone is called out, since its signature proves nothing unless its id is
 * recorded where the packet's holder cannot change it.
 */
record IntegritySection(ReportModel model) implements ReportSection {

  @Override
  public String anchor() {
    return "integrity";
  }

  @Override
  public String navLabel() {
    return "Packet integrity";
  }

  @Override
  public String heading() {
    return "Packet integrity";
  }

  @Override
  public void writeBody(Html h) {
    h.el(
        "p",
        "",
        "manifest.json lists every file with its SHA-256 and is signed (manifest.sig) with key "
            + model.keyId()
            + "; check it with: countersign packet verify <packet folder> --public-key <key>.");
    if (model.ephemeralKey()) {
      h.el(
          "p",
          "class=\"notice\"",
          "This packet was signed with a key made for it alone (manifest.pub). Its signature"
              + " proves the files are unchanged since signing only if the key id above, or the"
              + " CMMCAssessmentLogHash.log value, is recorded somewhere the packet's holder cannot"
              + " change — for example given to the assessor.");
    }
    h.el(
        "p",
        "",
        "CMMCAssessmentArtifacts.log holds the SHA-256 of every file in the format of the DoD CMMC"
            + " Hashing Guide; CMMCAssessmentLogHash.log the SHA-256 of that list. README.txt says"
            + " how to re-check them with PowerShell or sha256sum.");
  }
}
