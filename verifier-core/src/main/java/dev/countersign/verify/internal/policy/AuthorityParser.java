package dev.countersign.verify.internal.policy;

import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.FulcioExtension;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.StringMatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code authorities} entries: keyless identities or public keys. */
final class AuthorityParser {
  static final Set<String> AUTHORITY_FIELDS = Set.of("name", "keyless", "key");
  static final Set<String> KEY_FIELDS =
      Set.of("pem", "file", "kms", "insecureIgnoreTransparencyLog");
  static final Set<String> IDENTITY_FIELDS = identityFields();

  private AuthorityParser() {}

  private static Set<String> identityFields() {
    Set<String> s = new HashSet<>(Set.of("issuer", "issuerRegExp", "subject", "subjectRegExp"));
    for (FulcioExtension e : FulcioExtension.values()) {
      s.add(e.policyName());
      s.add(e.policyName() + "RegExp");
    }
    return Set.copyOf(s);
  }

  static List<Authority> parseAll(YamlNode list, Path baseDir) {
    List<Authority> out = new ArrayList<>();
    List<YamlNode> items = list.list();
    if (items.isEmpty()) {
      throw list.error("at least one authority is required");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Authority a = parse(items.get(i), baseDir, "authority-" + i);
      if (!names.add(a.name())) {
        throw items.get(i).error("two authorities are named '" + a.name() + "'");
      }
      out.add(a);
    }
    return out;
  }

  static Authority parse(YamlNode node, Path baseDir, String defaultName) {
    node.onlyFields(AUTHORITY_FIELDS);
    String name = node.field("name").map(YamlNode::text).orElse(defaultName);
    Optional<YamlNode> keyless = node.field("keyless");
    Optional<YamlNode> key = node.field("key");
    if (keyless.isPresent() == key.isPresent()) {
      throw node.error("an authority needs exactly one of 'keyless' and 'key'");
    }
    try {
      return keyless.isPresent() ? keyless(name, keyless.get()) : key(name, key.get(), baseDir);
    } catch (PolicyException e) {
      throw node.relocate(e);
    }
  }

  private static Authority keyless(String name, YamlNode node) {
    node.onlyFields(Set.of("identities"));
    List<CertificateIdentity> identities = new ArrayList<>();
    List<YamlNode> items = node.required("identities").list();
    if (items.isEmpty()) {
      throw node.error("a keyless authority needs at least one identity");
    }
    for (YamlNode id : items) {
      identities.add(identity(id));
    }
    return Authority.keyless(name, identities);
  }

  private static CertificateIdentity identity(YamlNode node) {
    node.onlyFields(IDENTITY_FIELDS);
    Map<String, YamlNode> f = node.fields();
    StringMatcher subject = matcher(node, f, "subject");
    // An identity without an issuer would accept the same subject from any OIDC provider.
    StringMatcher issuer = matcher(node, f, "issuer");
    CertificateIdentity id = CertificateIdentity.of(subject, issuer);
    for (FulcioExtension e : FulcioExtension.values()) {
      if (f.containsKey(e.policyName()) || f.containsKey(e.policyName() + "RegExp")) {
        id = id.withExtension(e, matcher(node, f, e.policyName()));
      }
    }
    return id;
  }

  private static StringMatcher matcher(YamlNode parent, Map<String, YamlNode> f, String field) {
    YamlNode exact = f.get(field);
    YamlNode regex = f.get(field + "RegExp");
    if (exact != null && regex != null) {
      throw regex.error("give '" + field + "' or '" + field + "RegExp', not both");
    }
    if (exact == null && regex == null) {
      throw parent.error("'" + field + "' or '" + field + "RegExp' is required");
    }
    YamlNode n = exact != null ? exact : regex;
    String text = n.text();
    try {
      return exact != null ? StringMatcher.exact(text) : StringMatcher.regex(text);
    } catch (PolicyException e) {
      throw n.relocate(e);
    }
  }

  private static Authority key(String name, YamlNode node, Path baseDir) {
    node.onlyFields(KEY_FIELDS);
    Optional<YamlNode> pem = node.field("pem");
    Optional<YamlNode> file = node.field("file");
    Optional<YamlNode> kms = node.field("kms");
    int given = (pem.isPresent() ? 1 : 0) + (file.isPresent() ? 1 : 0) + (kms.isPresent() ? 1 : 0);
    if (given != 1) {
      throw node.error("a key needs exactly one of 'pem', 'file' and 'kms'");
    }
    if (kms.isPresent()) {
      throw kms.get()
          .error(
              "KMS keys cannot be resolved offline: export the public key"
                  + " (e.g. aws kms get-public-key) and give it as 'pem' or 'file'");
    }
    String text;
    YamlNode where = pem.orElseGet(file::get);
    if (pem.isPresent()) {
      text = pem.get().text();
    } else {
      Path p = baseDir.resolve(file.get().text()).normalize();
      try {
        text = Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw file.get().error("cannot read key file " + p + ": " + e.getMessage());
      }
    }
    Authority.PublicKey key;
    try {
      key = Authority.publicKey(name, text);
    } catch (PolicyException e) {
      throw where.relocate(e);
    }
    boolean unlogged =
        node.field("insecureIgnoreTransparencyLog").map(YamlNode::bool).orElse(false);
    return unlogged ? key.insecureIgnoreTransparencyLog() : key;
  }
}
