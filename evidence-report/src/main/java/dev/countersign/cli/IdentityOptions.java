package dev.countersign.cli;

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
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Who is expected to have signed: a keyless identity, or a public key. */
final class IdentityOptions {
  @Option(
      names = "--certificate-identity",
      paramLabel = "SAN",
      description = "Expected certificate subject alternative name (exact).")
  String identity;

  @Option(
      names = "--certificate-identity-regexp",
      paramLabel = "RE",
      description = "Expected SAN as a regular expression (always matched against the whole SAN).")
  String identityRegexp;

  @Option(
      names = "--certificate-oidc-issuer",
      paramLabel = "URL",
      description = "Expected OIDC issuer (exact).")
  String issuer;

  @Option(
      names = "--certificate-oidc-issuer-regexp",
      paramLabel = "RE",
      description = "Expected OIDC issuer as a regular expression (whole value).")
  String issuerRegexp;

  @Option(names = "--certificate-github-workflow-repository", paramLabel = "OWNER/REPO")
  String workflowRepository;

  @Option(names = "--certificate-github-workflow-ref", paramLabel = "REF")
  String workflowRef;

  @Option(names = "--certificate-github-workflow-trigger", paramLabel = "EVENT")
  String workflowTrigger;

  @Option(names = "--certificate-github-workflow-sha", paramLabel = "SHA")
  String workflowSha;

  @Option(names = "--certificate-github-workflow-name", paramLabel = "NAME")
  String workflowName;

  @Option(
      names = "--certificate-extension",
      paramLabel = "NAME=VALUE",
      description =
          "Expected Fulcio extension, e.g. sourceRepositoryURI=https://github.com/acme/app (repeatable).")
  List<String> extensions = new ArrayList<>();

  @Option(
      names = "--key",
      paramLabel = "PEM",
      description = "Verify with this PEM public key instead of a certificate identity.")
  Path key;

  @Option(
      names = "--insecure-ignore-tlog",
      description =
          "With --key: accept signatures that were never logged in a transparency log. Their misuse"
              + " would go unnoticed; use only where no log exists (air-gapped signing without Rekor).")
  boolean insecureIgnoreTlog;

  /** Whether any identity or key flag was given. */
  boolean given() {
    return identity != null
        || identityRegexp != null
        || issuer != null
        || issuerRegexp != null
        || key != null
        || insecureIgnoreTlog
        || workflowRepository != null
        || workflowRef != null
        || workflowTrigger != null
        || workflowSha != null
        || workflowName != null
        || !extensions.isEmpty();
  }

  /** The authority the flags describe; UsageException when they are incomplete or contradictory. */
  Authority authority() {
    boolean keyless =
        identity != null || identityRegexp != null || issuer != null || issuerRegexp != null;
    if (key != null) {
      if (keyless) {
        throw new UsageException(
            "USAGE", "--key cannot be combined with certificate identity flags");
      }
      String pem;
      try {
        pem = Files.readString(key, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw new UsageException("INPUT_UNREADABLE", "cannot read key " + key);
      }
      try {
        Authority.PublicKey authority = Authority.publicKey(key.getFileName().toString(), pem);
        return insecureIgnoreTlog ? authority.insecureIgnoreTransparencyLog() : authority;
      } catch (PolicyException e) {
        throw new UsageException("KEY_UNSUPPORTED", e.getMessage());
      }
    }
    if (insecureIgnoreTlog) {
      throw new UsageException(
          "USAGE", "--insecure-ignore-tlog applies to --key only: keyless signatures need the log");
    }
    StringMatcher san = matcher(identity, identityRegexp, "--certificate-identity");
    StringMatcher iss = matcher(issuer, issuerRegexp, "--certificate-oidc-issuer");
    CertificateIdentity id = CertificateIdentity.of(san, iss);
    id = with(id, FulcioExtension.GITHUB_WORKFLOW_REPOSITORY, workflowRepository);
    id = with(id, FulcioExtension.GITHUB_WORKFLOW_REF, workflowRef);
    id = with(id, FulcioExtension.GITHUB_WORKFLOW_TRIGGER, workflowTrigger);
    id = with(id, FulcioExtension.GITHUB_WORKFLOW_SHA, workflowSha);
    id = with(id, FulcioExtension.GITHUB_WORKFLOW_NAME, workflowName);
    for (String e : extensions) {
      int eq = e.indexOf('=');
      Optional<FulcioExtension> ext =
          eq > 0 ? FulcioExtension.fromPolicyName(e.substring(0, eq)) : Optional.empty();
      if (ext.isEmpty()) {
        throw new UsageException(
            "USAGE",
            "--certificate-extension expects NAME=VALUE with a known Fulcio extension name, got '"
                + e
                + "'");
      }
      id = with(id, ext.get(), e.substring(eq + 1));
    }
    return Authority.keyless("command line", List.of(id));
  }

  private static CertificateIdentity with(
      CertificateIdentity id, FulcioExtension ext, String value) {
    return value == null ? id : id.withExtension(ext, StringMatcher.exact(value));
  }

  private static StringMatcher matcher(String exact, String regexp, String flag) {
    if (exact != null && regexp != null) {
      throw new UsageException("USAGE", flag + " and " + flag + "-regexp cannot both be given");
    }
    if (exact == null && regexp == null) {
      throw new UsageException(
          "USAGE", "give " + flag + " or " + flag + "-regexp (or --key for key-based signatures)");
    }
    try {
      return exact != null ? StringMatcher.exact(exact) : StringMatcher.regex(regexp);
    } catch (PolicyException e) {
      throw new UsageException("POLICY_INVALID", flag + "-regexp: " + e.getMessage());
    }
  }
}
