package dev.countersign.verify.internal.policy;

import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.policy.LintFinding.Severity;
import dev.countersign.verify.policy.PolicyException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Walks a policy document as written and reports every problem it can see, not just the first:
 * unknown fields anywhere, identities without an issuer, risky identity patterns, weakened checks
 * and policies that do not block. Structural errors it cannot walk past are left to the compiler.
 */
final class PolicyShapeLint {
  private final Consumer<LintFinding> out;

  PolicyShapeLint(Consumer<LintFinding> out) {
    this.out = out;
  }

  void document(YamlNode doc) {
    Optional<Map<String, YamlNode>> top = fields(doc, ImagePolicyParser.TOP);
    if (top.isEmpty()) {
      return;
    }
    Optional.ofNullable(top.get().get("metadata"))
        .ifPresent(m -> fields(m, ImagePolicyParser.METADATA));
    YamlNode spec = top.get().get("spec");
    if (spec == null) {
      return;
    }
    Optional<Map<String, YamlNode>> s = fields(spec, ImagePolicyParser.SPEC);
    if (s.isEmpty()) {
      return;
    }
    Map<String, YamlNode> f = s.get();
    text(f.get("mode"))
        .map(m -> m.toLowerCase(Locale.ROOT))
        .filter(m -> m.equals("warn") || m.equals("audit"))
        .ifPresent(
            m ->
                out.accept(
                    new LintFinding(
                        Severity.INFO,
                        "POLICY_NOT_ENFORCING",
                        f.get("mode").location(),
                        "mode '"
                            + m
                            + "' admits images that fail this policy"
                            + (m.equals("warn") ? " (with a warning)" : " (only recorded)"))));
    eachItem(
        f.get("images"),
        item ->
            fields(item, Set.of("glob"))
                .flatMap(g -> text(g.get("glob")))
                .filter(g -> g.equals("**") || g.equals("*/**") || g.equals("**/*"))
                .ifPresent(
                    g ->
                        out.accept(
                            new LintFinding(
                                Severity.INFO,
                                "IMAGE_GLOB_ALL",
                                item.location(),
                                "'"
                                    + g
                                    + "' applies this policy to every image in every registry"))));
    eachItem(f.get("authorities"), this::authority);
    eachItem(f.get("attestations"), this::attestation);
  }

  private void attestation(YamlNode node) {
    Optional<Map<String, YamlNode>> f = fields(node, ImagePolicyParser.attestationFields());
    if (f.isEmpty()) {
      return;
    }
    Optional.ofNullable(f.get().get("authorities")).ifPresent(l -> eachItem(l, this::authority));
    for (String section : PredicateRuleParsers.sections()) {
      YamlNode s = f.get().get(section);
      if (s != null) {
        fields(s, PredicateRuleParsers.fields(section));
      }
    }
  }

  private void authority(YamlNode node) {
    Optional<Map<String, YamlNode>> f = fields(node, AuthorityParser.AUTHORITY_FIELDS);
    if (f.isEmpty()) {
      return;
    }
    YamlNode keyless = f.get().get("keyless");
    if (keyless != null) {
      fields(keyless, Set.of("identities"))
          .map(k -> k.get("identities"))
          .ifPresent(ids -> eachItem(ids, this::identity));
    }
    YamlNode key = f.get().get("key");
    if (key != null) {
      fields(key, AuthorityParser.KEY_FIELDS)
          .map(k -> k.get("insecureIgnoreTransparencyLog"))
          .filter(n -> n.isScalar() && "true".equalsIgnoreCase(rawText(n)))
          .ifPresent(
              n ->
                  out.accept(
                      new LintFinding(
                          Severity.WARNING,
                          "INSECURE_OPTION",
                          n.location(),
                          "signatures by this key need no transparency log entry, so a stolen"
                              + " key's signatures would go unnoticed; use it only where no log"
                              + " exists")));
    }
  }

  private void identity(YamlNode node) {
    Optional<Map<String, YamlNode>> f = fields(node, AuthorityParser.IDENTITY_FIELDS);
    if (f.isEmpty()) {
      return;
    }
    Map<String, YamlNode> id = f.get();
    if (!id.containsKey("issuer") && !id.containsKey("issuerRegExp")) {
      out.accept(
          new LintFinding(
              Severity.ERROR,
              "IDENTITY_WITHOUT_ISSUER",
              node.location(),
              "a keyless identity without 'issuer' would accept the same subject from any OIDC"
                  + " provider; add the issuer (for GitHub Actions:"
                  + " https://token.actions.githubusercontent.com)"));
    }
    for (Map.Entry<String, YamlNode> e : id.entrySet()) {
      if (e.getKey().endsWith("RegExp")) {
        text(e.getValue())
            .ifPresent(p -> IdentityPatternLint.lint(e.getKey(), p, e.getValue().location(), out));
      }
    }
  }

  /** The fields of a mapping, reporting each unknown one; empty when it is not a mapping. */
  private Optional<Map<String, YamlNode>> fields(YamlNode node, Set<String> allowed) {
    Map<String, YamlNode> f;
    try {
      f = node.fields();
    } catch (PolicyException e) {
      return Optional.empty();
    }
    for (Map.Entry<String, YamlNode> e : f.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        String hint =
            YamlNode.closest(e.getKey(), allowed)
                .map(c -> " (did you mean '" + c + "'?)")
                .orElse("");
        out.accept(
            new LintFinding(
                Severity.ERROR,
                "UNKNOWN_FIELD",
                e.getValue().location(),
                "unknown field '"
                    + e.getKey()
                    + "'"
                    + hint
                    + "; known fields: "
                    + new TreeSet<>(allowed)));
      }
    }
    return Optional.of(f);
  }

  private static void eachItem(YamlNode list, Consumer<YamlNode> each) {
    if (list == null || !list.isList()) {
      return;
    }
    list.list().forEach(each);
  }

  private static Optional<String> text(YamlNode n) {
    if (n == null || !n.isScalar()) {
      return Optional.empty();
    }
    return Optional.of(rawText(n));
  }

  private static String rawText(YamlNode n) {
    return n.scalarValue();
  }
}
