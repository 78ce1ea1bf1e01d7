package dev.countersign.verify.internal.policy;

import dev.countersign.verify.internal.trust.TrustRootDirectory;
import dev.countersign.verify.policy.ImagePolicy;
import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.policy.LintFinding.Severity;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRootException;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.trust.TrustedService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Lints policy files: shape and pattern findings, compile errors, and trust-root reachability. */
public final class PolicyLinter {
  private final Optional<Path> trustRootsDirectory;
  private final Instant now;

  public PolicyLinter(Optional<Path> trustRootsDirectory, Instant now) {
    this.trustRootsDirectory = trustRootsDirectory;
    this.now = now;
  }

  public List<LintFinding> lint(Path fileOrDirectory) {
    List<LintFinding> findings = new ArrayList<>();
    List<Path> files = files(fileOrDirectory, findings);
    Map<String, String> names = new HashMap<>();
    Map<String, Optional<String>> roots = null;
    for (Path file : files) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException | java.io.UncheckedIOException e) {
        findings.add(error("POLICY_UNREADABLE", file.toString(), "cannot read: " + e.getMessage()));
        continue;
      }
      List<YamlNode> docs;
      try {
        docs = YamlDocuments.read(file.toString(), text);
      } catch (PolicyException e) {
        findings.add(error("POLICY_INVALID", e.location(), e.detail()));
        continue;
      }
      if (docs.isEmpty()) {
        findings.add(error("POLICY_INVALID", file.toString(), "the file holds no policy"));
      }
      Path dir = file.toAbsolutePath().getParent();
      for (YamlNode doc : docs) {
        List<LintFinding> shape = new ArrayList<>();
        new PolicyShapeLint(shape::add).document(doc);
        findings.addAll(shape);
        Set<String> reported =
            shape.stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .map(LintFinding::location)
                .collect(Collectors.toSet());
        ImagePolicy policy;
        try {
          policy = ImagePolicyParser.parse(doc, dir);
        } catch (PolicyException e) {
          if (!reported.contains(e.location())) {
            findings.add(error("POLICY_INVALID", e.location(), e.detail()));
          }
          continue;
        }
        String previous = names.putIfAbsent(policy.name(), policy.source());
        if (previous != null) {
          findings.add(
              error(
                  "POLICY_DUPLICATE",
                  policy.source(),
                  "policy '" + policy.name() + "' is already defined at " + previous));
        }
        if (roots == null) {
          roots = loadRoots(findings);
        }
        String rootName = policy.trustRoot().orElse(TrustRoots.PUBLIC_GOOD);
        String rootLocation = trustRootLocation(doc).orElse(policy.source() + ": spec");
        if (!roots.containsKey(rootName)) {
          findings.add(
              error(
                  "TRUST_ROOT_UNREACHABLE",
                  rootLocation,
                  "policy '"
                      + policy.name()
                      + "' uses trust root '"
                      + rootName
                      + "', which is not among the trust roots given ("
                      + String.join(", ", roots.keySet())
                      + ")"
                      + (trustRootsDirectory.isEmpty() ? "; pass the trust-root directory" : "")));
        } else if (roots.get(rootName).isPresent()) {
          findings.add(
              error(
                  "TRUST_ROOT_UNREACHABLE",
                  rootLocation,
                  "policy '"
                      + policy.name()
                      + "' uses trust root '"
                      + rootName
                      + "', which cannot be used: "
                      + roots.get(rootName).get()));
        }
      }
    }
    return findings;
  }

  private static Optional<String> trustRootLocation(YamlNode doc) {
    try {
      return doc.field("spec").flatMap(s -> s.field("trustRoot")).map(YamlNode::location);
    } catch (PolicyException e) {
      return Optional.empty();
    }
  }

  /** Every root by name: empty when usable, else why not. */
  private Map<String, Optional<String>> loadRoots(List<LintFinding> findings) {
    Map<String, Optional<String>> roots = new LinkedHashMap<>();
    try {
      roots.put(TrustRoots.PUBLIC_GOOD, usable(TrustRoots.publicGood()));
    } catch (TrustRootException e) {
      roots.put(TrustRoots.PUBLIC_GOOD, Optional.of(e.getMessage()));
    }
    if (trustRootsDirectory.isPresent()) {
      try {
        for (TrustRootDirectory.Entry e : TrustRootDirectory.list(trustRootsDirectory.get())) {
          try {
            roots.put(e.name(), usable(e.load()));
          } catch (TrustRootException ex) {
            roots.put(e.name(), Optional.of(ex.getMessage()));
          }
        }
      } catch (TrustRootException e) {
        findings.add(
            error("TRUST_ROOT_UNREACHABLE", trustRootsDirectory.get().toString(), e.getMessage()));
      }
    }
    return roots;
  }

  /**
   * A root is usable when it trusts, now, a certificate authority or key path and some way to
   * establish signing time (a log or a timestamp authority). A root whose services have all ended
   * can verify nothing signed today.
   */
  private Optional<String> usable(TrustRoot root) {
    List<TrustedService> current = root.services().stream().filter(s -> s.validAt(now)).toList();
    boolean time =
        current.stream()
            .anyMatch(
                s ->
                    s.kind() == TrustedService.Kind.TRANSPARENCY_LOG
                        || s.kind() == TrustedService.Kind.TIMESTAMP_AUTHORITY);
    if (!time) {
      return Optional.of(
          "no transparency log or timestamp authority of '"
              + root.name()
              + "' is valid at "
              + now
              + ", so no new signature can be verified");
    }
    return Optional.empty();
  }

  private static List<Path> files(Path fileOrDirectory, List<LintFinding> findings) {
    if (!Files.isDirectory(fileOrDirectory)) {
      if (!Files.isRegularFile(fileOrDirectory)) {
        findings.add(
            error("POLICY_UNREADABLE", fileOrDirectory.toString(), "no such file or directory"));
        return List.of();
      }
      return List.of(fileOrDirectory);
    }
    try (Stream<Path> s = Files.list(fileOrDirectory)) {
      List<Path> files =
          s.filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml)"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
      if (files.isEmpty()) {
        findings.add(
            error("POLICY_INVALID", fileOrDirectory.toString(), "no .yaml or .yml policy files"));
      }
      return files;
    } catch (IOException e) {
      findings.add(error("POLICY_UNREADABLE", fileOrDirectory.toString(), e.getMessage()));
      return List.of();
    }
  }

  private static LintFinding error(String code, String location, String message) {
    return new LintFinding(Severity.ERROR, code, location, message);
  }
}
