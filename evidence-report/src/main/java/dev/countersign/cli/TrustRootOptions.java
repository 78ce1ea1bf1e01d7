package dev.countersign.cli;

import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRootException;
import dev.countersign.verify.trust.TrustRoots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Which trust roots a command uses. */
final class TrustRootOptions {
  @Option(
      names = "--trusted-root",
      paramLabel = "FILE",
      description =
          "Sigstore trusted_root.json to verify against (repeatable). Default: the shipped public-good root.")
  List<Path> trustedRoots = new ArrayList<>();

  @Option(
      names = "--trust-roots",
      paramLabel = "DIR",
      description =
          "Directory of trust roots: <name>.json files and <name>/ directories (a TUF mirror with"
              + " tuf-root.json, or a trusted_root.json). Policies name roots by these names.")
  Path trustRootsDirectory;

  @Option(
      names = "--staging",
      description =
          "Verify against Sigstore staging (requires --trusted-root with the staging root: none is shipped).")
  boolean staging;

  List<TrustRoot> load() {
    List<TrustRoot> fromDirectory = new ArrayList<>();
    if (trustRootsDirectory != null) {
      if (!Files.isDirectory(trustRootsDirectory)) {
        throw new UsageException(
            "INPUT_UNREADABLE", "--trust-roots " + trustRootsDirectory + " is not a directory");
      }
      try {
        fromDirectory.addAll(TrustRoots.fromDirectory(trustRootsDirectory));
      } catch (TrustRootException e) {
        throw new UsageException("TRUST_ROOT_INVALID", e.getMessage());
      }
    }
    if (trustedRoots.isEmpty() && !fromDirectory.isEmpty()) {
      return fromDirectory;
    }
    if (trustedRoots.isEmpty()) {
      if (staging) {
        throw new UsageException(
            "TRUST_ROOT_UNKNOWN",
            "--staging needs --trusted-root FILE with the Sigstore staging trusted_root.json");
      }
      return List.of(TrustRoots.publicGood());
    }
    List<TrustRoot> roots = new ArrayList<>(fromDirectory);
    Set<String> names = new HashSet<>();
    fromDirectory.forEach(r -> names.add(r.name()));
    for (Path p : trustedRoots) {
      if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
        throw new UsageException("INPUT_UNREADABLE", "cannot read trusted root " + p);
      }
      String stem =
          p.getFileName()
              .toString()
              .replaceFirst("\\.json$", "")
              .replaceAll("[^A-Za-z0-9._-]", "-");
      String name =
          stem.isEmpty() || !Character.isLetterOrDigit(stem.charAt(0)) ? "root" + stem : stem;
      for (int i = 2; !names.add(name); i++) {
        name = stem + "-" + i;
      }
      try {
        roots.add(TrustRoots.fromFile(name, p));
      } catch (TrustRootException e) {
        throw new UsageException("TRUST_ROOT_INVALID", e.getMessage());
      }
    }
    return roots;
  }

  /**
   * The roots for a set of policies: those given, plus the shipped public-good root when a policy
   * names it (or names none) and it was not given.
   */
  List<TrustRoot> loadFor(dev.countersign.verify.policy.PolicySet policies) {
    List<TrustRoot> roots = new ArrayList<>(load());
    boolean hasPublicGood = roots.stream().anyMatch(r -> r.name().equals(TrustRoots.PUBLIC_GOOD));
    boolean wanted =
        policies.policies().stream()
            .anyMatch(
                p -> p.trustRoot().isEmpty() || p.trustRoot().get().equals(TrustRoots.PUBLIC_GOOD));
    if (wanted && !hasPublicGood) {
      roots.add(TrustRoots.publicGood());
    }
    return roots;
  }
}
