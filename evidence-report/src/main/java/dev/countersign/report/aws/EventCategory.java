package dev.countersign.report.aws;

/** What an ECR event means for an assessor; each category is written to its own file. */
public enum EventCategory {
  /** An image or its layers were pushed: PutImage and the layer upload calls. */
  PUSH("push"),
  /** An image was pulled: BatchGetImage and GetDownloadUrlForLayer. */
  PULL("pull"),
  /**
   * A repository or registry setting, policy or content changed: tag mutability, scanning,
   * policies, lifecycle, replication, repository creation and deletion, image deletion, tags.
   */
  CONFIGURATION_CHANGE("configuration-change"),
  /** The call was refused for lack of permission, whatever it was. */
  ACCESS_DENIED("access-denied"),
  /** Any other ECR call (describe, list, authorization tokens, scans started). */
  OTHER("other");

  private final String fileStem;

  EventCategory(String fileStem) {
    this.fileStem = fileStem;
  }

  /** The name used in file names and JSON: {@code push}, {@code configuration-change}, ... */
  public String fileStem() {
    return fileStem;
  }
}
