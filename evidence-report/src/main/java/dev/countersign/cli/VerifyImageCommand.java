package dev.countersign.cli;

import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.MultiArchRequirement;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.NoMatchAction;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code countersign verify IMAGE}: verifies a container image against the evidence stored beside
 * it, either with policy files or with identity flags / a key.
 */
@Command(
    name = "verify",
    description =
        "Verify a container image's signatures and attestations in its registry (or an OCI layout),"
            + " against policy files or an expected identity or key.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class VerifyImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "IMAGE",
      description = "registry/repository[:tag][@sha256:digest]; a tag is resolved once.")
  String image;

  @Option(
      names = "--policy",
      paramLabel = "FILE|DIR",
      description = "ImagePolicy file or directory; every policy matching the image must pass.")
  Path policy;

  @Option(
      names = "--no-policy-match",
      paramLabel = "deny|warn|allow",
      description = "With --policy: what happens to an image no policy applies to (default deny).")
  NoMatchAction noMatch = NoMatchAction.DENY;

  @Mixin IdentityOptions identity;

  @Mixin TrustRootOptions trust;

  @Mixin RegistryOptions registry;

  @Option(
      names = "--multi-arch",
      paramLabel = "index|platforms|either",
      description =
          "Without --policy: where a multi-arch image must be signed (default either: the index,"
              + " else every platform).")
  String multiArch = "either";

  @Option(
      names = "--signature-repository",
      paramLabel = "REGISTRY/REPO",
      description = "Without --policy: where signatures are stored, if not beside the image.")
  String signatureRepository;

  @Option(names = "--output", paramLabel = "text|json", description = "Output format.")
  OutputFormat output = OutputFormat.text;

  @Option(
      names = {"-v", "--verbose"},
      description = "With text output, list every check.")
  boolean verbose;

  @Override
  public Integer call() {
    ImageReference ref = parseImage(image);
    if (policy != null) {
      if (identity.given()) {
        throw new UsageException(
            "USAGE", "--policy cannot be combined with identity flags or --key");
      }
      if (signatureRepository != null || !multiArch.equals("either")) {
        throw new UsageException(
            "USAGE", "with --policy, the policy sets multiArch and signatureRepository");
      }
      PolicySet policies = loadPolicies(policy);
      Verifier verifier = verifier(policies);
      PolicyDecision d = verifier.evaluate(ref);
      DecisionPrinter.print(spec.commandLine().getOut(), d, output, verbose);
      return DecisionPrinter.exitCode(d);
    }
    Authority authority = identity.authority();
    Verifier verifier =
        Verifier.builder()
            .trustRoots(trust.load())
            .evidenceSource(registry.evidenceSource())
            .build();
    VerificationRequest.Image request =
        new VerificationRequest.Image(
            ref,
            List.of(authority),
            multiArch(multiArch),
            Optional.ofNullable(signatureRepository),
            Optional.empty());
    Verdict verdict = verifier.verify(request);
    VerdictPrinter.print(spec.commandLine().getOut(), verdict, output, verbose);
    return ExitCode.of(verdict.outcome());
  }

  private Verifier verifier(PolicySet policies) {
    try {
      return Verifier.builder()
          .trustRoots(trust.loadFor(policies))
          .evidenceSource(registry.evidenceSource())
          .policies(policies)
          .whenNoPolicyMatches(noMatch)
          .build();
    } catch (PolicyException e) {
      throw new UsageException("POLICY_INVALID", e.getMessage());
    }
  }

  static ImageReference parseImage(String text) {
    try {
      return ImageReference.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("USAGE", "not an image reference: " + e.getMessage());
    }
  }

  static PolicySet loadPolicies(Path path) {
    try {
      return PolicySet.load(path);
    } catch (PolicyException e) {
      throw new UsageException("POLICY_INVALID", e.getMessage());
    }
  }

  private static MultiArchRequirement multiArch(String value) {
    switch (value) {
      case "index":
        return MultiArchRequirement.INDEX;
      case "platforms":
        return MultiArchRequirement.EVERY_PLATFORM;
      case "either":
        return MultiArchRequirement.INDEX_OR_EVERY_PLATFORM;
      default:
        throw new UsageException(
            "USAGE", "--multi-arch must be index, platforms or either, not '" + value + "'");
    }
  }
}
