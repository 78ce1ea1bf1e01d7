package dev.countersign.report.inventory;

/** Which list of a pod's spec a container comes from. */
public enum ContainerType {
  /** {@code spec.containers}. */
  CONTAINER("container"),
  /** {@code spec.initContainers}: ran to completion before the others started. */
  INIT("init"),
  /** {@code spec.ephemeralContainers}: added to a running pod, e.g. by {@code kubectl debug}. */
  EPHEMERAL("ephemeral");

  private final String key;

  ContainerType(String key) {
    this.key = key;
  }

  /** The spelling in inventory files and packet JSON: {@code container}, {@code init}, ... */
  public String key() {
    return key;
  }

  /** The type spelled {@code key}, or null when it is none. */
  public static ContainerType fromKey(String key) {
    for (ContainerType t : values()) {
      if (t.key.equals(key)) {
        return t;
      }
    }
    return null;
  }
}
