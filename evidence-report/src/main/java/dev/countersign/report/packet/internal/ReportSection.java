package dev.countersign.report.packet.internal;

/**
 * One section of {@code report.html}. The page writes each section's frame and its link in the
 * navigation bar from the same anchor, so a link can never point to a section that is not there.
 */
interface ReportSection {
  /** The section's {@code id}, the target of its navigation link. */
  String anchor();

  /** The section's link text in the navigation bar. */
  String navLabel();

  /** The section's {@code h2} title. */
  String heading();

  /** Writes what comes after the title, inside the section element. */
  void writeBody(Html h);
}
