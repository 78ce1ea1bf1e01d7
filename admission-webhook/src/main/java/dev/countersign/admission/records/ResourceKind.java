package dev.countersign.admission.records;

/**
 * The group, version and kind of the object an admission request is about.
 *
 * @param group the API group, empty for the core group
 * @param version the API version, e.g. {@code v1}
 * @param kind the kind, e.g. {@code Deployment}
 */
public record ResourceKind(String group, String version, String kind) {
  public ResourceKind {
    group = group == null ? "" : group;
    version = version == null ? "" : version;
    kind = kind == null ? "" : kind;
  }

  /** {@code apps/v1/Deployment}, or {@code v1/Pod} for the core group. */
  @Override
  public String toString() {
    return (group.isEmpty() ? "" : group + "/") + version + "/" + kind;
  }
}
