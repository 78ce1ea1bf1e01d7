package dev.countersign.verify.internal.policy;

import dev.countersign.verify.oci.MultiArchRequirement;
import dev.countersign.verify.policy.AttestationRequirement;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.ImageGlob;
import dev.countersign.verify.policy.ImagePolicy;
import dev.countersign.verify.policy.Mode;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PredicateRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Compiles one {@code ImagePolicy} YAML document. */
public final class ImagePolicyParser {
  public static final String API_VERSION = "policy.countersign.dev/v1alpha1";
  public static final String KIND = "ImagePolicy";
  static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  static final Set<String> METADATA = Set.of("name", "labels", "annotations");
  static final Set<String> SPEC =
      Set.of(
          "mode",
          "images",
          "trustRoot",
          "authorities",
          "attestations",
          "multiArch",
          "signatureRepository");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

  private ImagePolicyParser() {}

  public static ImagePolicy parse(YamlNode doc, Path baseDir) {
    doc.onlyFields(TOP);
    YamlNode api = doc.required("apiVersion");
    if (!api.text().equals(API_VERSION)) {
      throw api.error("unsupported apiVersion '" + api.text() + "', expected " + API_VERSION);
    }
    YamlNode kind = doc.required("kind");
    if (!kind.text().equals(KIND)) {
      throw kind.error("unsupported kind '" + kind.text() + "', expected " + KIND);
    }
    YamlNode metadata = doc.required("metadata").onlyFields(METADATA);
    YamlNode nameNode = metadata.required("name");
    String name = nameNode.text();
    if (!NAME.matcher(name).matches()) {
      throw nameNode.error("policy names are lower-case DNS names (letters, digits, '.', '-')");
    }
    YamlNode spec = doc.required("spec").onlyFields(SPEC);
    Mode mode = spec.field("mode").map(ImagePolicyParser::mode).orElse(Mode.ENFORCE);
    List<ImageGlob> images = images(spec.required("images"));
    Optional<String> trustRoot = spec.field("trustRoot").map(YamlNode::text);
    List<Authority> authorities = AuthorityParser.parseAll(spec.required("authorities"), baseDir);
    List<AttestationRequirement> attestations = new ArrayList<>();
    Optional<YamlNode> att = spec.field("attestations");
    if (att.isPresent()) {
      Set<String> names = new HashSet<>();
      for (YamlNode a : att.get().list()) {
        AttestationRequirement r = attestation(a, authorities, baseDir);
        if (!names.add(r.name())) {
          throw a.error("two attestation requirements are named '" + r.name() + "'");
        }
        attestations.add(r);
      }
    }
    MultiArchRequirement multiArch =
        spec.field("multiArch")
            .map(ImagePolicyParser::multiArch)
            .orElse(MultiArchRequirement.INDEX_OR_EVERY_PLATFORM);
    Optional<String> sigRepo = spec.field("signatureRepository").map(ImagePolicyParser::repository);
    try {
      return new ImagePolicy(
          name,
          doc.source() + ":" + doc.line(),
          mode,
          images,
          trustRoot,
          authorities,
          attestations,
          multiArch,
          sigRepo);
    } catch (PolicyException e) {
      throw spec.relocate(e);
    }
  }

  static Set<String> attestationFields() {
    Set<String> allowed = new HashSet<>(Set.of("name", "predicateType", "authorities"));
    allowed.addAll(PredicateRuleParsers.sections());
    return allowed;
  }

  private static Mode mode(YamlNode n) {
    switch (n.text().toLowerCase(Locale.ROOT)) {
      case "enforce":
        return Mode.ENFORCE;
      case "warn":
        return Mode.WARN;
      case "audit":
        return Mode.AUDIT;
      default:
        throw n.error("mode must be enforce, warn or audit, not '" + n.text() + "'");
    }
  }

  private static MultiArchRequirement multiArch(YamlNode n) {
    switch (n.text().toLowerCase(Locale.ROOT)) {
      case "index":
        return MultiArchRequirement.INDEX;
      case "platforms":
        return MultiArchRequirement.EVERY_PLATFORM;
      case "either":
        return MultiArchRequirement.INDEX_OR_EVERY_PLATFORM;
      default:
        throw n.error("multiArch must be index, platforms or either, not '" + n.text() + "'");
    }
  }

  private static String repository(YamlNode n) {
    String repo = n.text();
    try {
      dev.countersign.verify.oci.ImageReference.parse(repo + ":x");
    } catch (IllegalArgumentException e) {
      throw n.error("not a repository (registry/path): " + e.getMessage());
    }
    return repo;
  }

  private static List<ImageGlob> images(YamlNode list) {
    List<ImageGlob> out = new ArrayList<>();
    for (YamlNode item : list.list()) {
      item.onlyFields(Set.of("glob"));
      YamlNode g = item.required("glob");
      try {
        out.add(ImageGlob.of(g.text()));
      } catch (PolicyException e) {
        throw g.relocate(e);
      }
    }
    if (out.isEmpty()) {
      throw list.error("at least one image glob is required");
    }
    return out;
  }

  private static AttestationRequirement attestation(
      YamlNode node, List<Authority> defaults, Path baseDir) {
    node.onlyFields(attestationFields());
    String name = node.required("name").text();
    String predicateType = node.required("predicateType").text();
    if (predicateType.isBlank()) {
      throw node.required("predicateType").error("predicate type is empty");
    }
    List<Authority> authorities =
        node.field("authorities").map(a -> AuthorityParser.parseAll(a, baseDir)).orElse(defaults);
    List<PredicateRule> rules = new ArrayList<>();
    for (String section : PredicateRuleParsers.sections()) {
      Optional<YamlNode> s = node.field(section);
      if (s.isPresent()) {
        rules.add(PredicateRuleParsers.parser(section).parse(s.get(), name, predicateType));
      }
    }
    return new AttestationRequirement(name, predicateType, authorities, rules);
  }
}
