package dev.countersign.report.aws;

import java.util.List;
import java.util.Objects;

/**
 * The registry's scanning configuration, from {@code GetRegistryScanningConfiguration}.
 *
 * @param scanType {@code BASIC} or {@code ENHANCED}
 * @param rules which repositories are scanned how often
 */
public record RegistryScanning(String registryId, String scanType, List<Rule> rules) {

  /**
   * @param scanFrequency {@code SCAN_ON_PUSH}, {@code CONTINUOUS_SCAN} or {@code MANUAL}
   * @param repositoryFilters wildcard filters naming the repositories the rule covers
   */
  public record Rule(String scanFrequency, List<String> repositoryFilters) {
    public Rule {
      scanFrequency = scanFrequency == null ? "" : scanFrequency;
      repositoryFilters = repositoryFilters == null ? List.of() : List.copyOf(repositoryFilters);
    }
  }

  public RegistryScanning {
    registryId = registryId == null ? "" : registryId;
    Objects.requireNonNull(scanType, "scanType");
    rules = rules == null ? List.of() : List.copyOf(rules);
  }
}
