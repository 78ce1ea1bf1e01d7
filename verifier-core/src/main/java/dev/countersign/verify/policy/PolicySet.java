package dev.countersign.verify.policy;

import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.policy.ImagePolicyParser;
import dev.countersign.verify.internal.policy.YamlDocuments;
import dev.countersign.verify.internal.policy.YamlNode;
import dev.countersign.verify.oci.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A set of compiled image policies, loaded and validated once. Every policy that applies to an
 * image must pass. Immutable and thread-safe; reloading means building a new set.
 */
public final class PolicySet {
  private final List<ImagePolicy> policies;
  private final String revision;

  private PolicySet(List<ImagePolicy> policies, String revision) {
    this.policies = List.copyOf(policies);
    this.revision = revision;
  }

  /**
   * Loads a policy file, or every {@code .yaml}/{@code .yml} file of a directory (not recursing,
   * skipping hidden entries such as a Kubernetes volume's {@code ..data}).
   *
   * @throws PolicyException naming file, line and field of the first problem
   */
  public static PolicySet load(Path fileOrDirectory) {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(fileOrDirectory)) {
      try (Stream<Path> s = Files.list(fileOrDirectory)) {
        s.filter(p -> !p.getFileName().toString().startsWith("."))
            .filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml)"))
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw new PolicyException(
            fileOrDirectory.toString(), "cannot list policies: " + e.getMessage(), e);
      }
      if (files.isEmpty()) {
        throw new PolicyException(fileOrDirectory.toString(), "no .yaml or .yml policy files");
      }
    } else {
      files.add(fileOrDirectory);
    }
    Map<String, String> sources = new java.util.LinkedHashMap<>();
    for (Path f : files) {
      try {
        sources.put(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
      } catch (IOException | java.io.UncheckedIOException e) {
        throw new PolicyException(f.toString(), "cannot read policy file: " + e.getMessage(), e);
      }
    }
    return compile(sources, fileOrDirectory.toAbsolutePath().normalize());
  }

  /** Compiles policy text (one or more YAML documents) named {@code source}. */
  public static PolicySet parse(String source, String yaml, Path baseDirectory) {
    return compile(Map.of(source, yaml), baseDirectory);
  }

  /**
   * A set of policies built in code. Its revision is derived from the policies' values, so a
   * changed policy gives a new revision.
   */
  public static PolicySet of(List<ImagePolicy> policies) {
    Map<String, String> seen = new HashMap<>();
    java.security.MessageDigest md = HashAlgorithm.SHA2_256.newDigest();
    for (ImagePolicy p : policies) {
      String previous = seen.putIfAbsent(p.name(), p.source());
      if (previous != null) {
        throw new PolicyException(
            p.source(), "policy '" + p.name() + "' is already defined at " + previous);
      }
      md.update(p.toString().getBytes(StandardCharsets.UTF_8));
    }
    return new PolicySet(policies, "sha256:" + HexFormat.of().formatHex(md.digest()));
  }

  private static PolicySet compile(Map<String, String> sources, Path base) {
    List<ImagePolicy> policies = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    java.security.MessageDigest md = HashAlgorithm.SHA2_256.newDigest();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path dir =
          Files.isDirectory(base) ? base : base.getParent() == null ? base : base.getParent();
      List<YamlNode> docs = YamlDocuments.read(e.getKey(), e.getValue());
      if (docs.isEmpty()) {
        throw new PolicyException(e.getKey(), "the file holds no policy");
      }
      for (YamlNode doc : docs) {
        ImagePolicy p = ImagePolicyParser.parse(doc, dir);
        String previous = seen.putIfAbsent(p.name(), p.source());
        if (previous != null) {
          throw new PolicyException(
              p.source(), "policy '" + p.name() + "' is already defined at " + previous);
        }
        policies.add(p);
      }
      md.update(e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return new PolicySet(policies, "sha256:" + HexFormat.of().formatHex(md.digest()));
  }

  public List<ImagePolicy> policies() {
    return policies;
  }

  /** The policies that apply to an image. */
  public List<ImagePolicy> matching(ImageReference image) {
    return policies.stream().filter(p -> p.appliesTo(image)).toList();
  }

  /** {@code sha256:<hex>} over the policy sources: changes whenever any policy text changes. */
  public String revision() {
    return revision;
  }
}
