package dev.countersign.cli;

import dev.countersign.verify.Artifact;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.policy.ImagePolicy;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PolicySet;
import dev.countersign.verify.policy.PolicyVerdict;
import dev.countersign.verify.verdict.Outcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code countersign policy test POLICY --image IMAGE | --bundle FILE --artifact FILE}. */
@Command(
    name = "test",
    description =
        "Show the verdict the policies in POLICY give an image (whether or not their image globs"
            + " match it) or a Sigstore bundle for a file.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class PolicyTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "POLICY", description = "A policy file or directory.")
  Path policy;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Subject subject;

  static final class Subject {
    @Option(names = "--image", paramLabel = "IMAGE", description = "An image reference.")
    String image;

    @ArgGroup(exclusive = false)
    BundleInput bundle;
  }

  static final class BundleInput {
    @Option(
        names = "--bundle",
        required = true,
        paramLabel = "FILE",
        description = "A Sigstore bundle.")
    Path bundle;

    @Option(
        names = "--artifact",
        required = true,
        paramLabel = "FILE_OR_DIGEST",
        description = "The file the bundle is for, or its sha256:<hex> digest.")
    String artifact;
  }

  @Option(
      names = "--policy-name",
      paramLabel = "NAME",
      description = "Only this policy of POLICY (default: all of them).")
  List<String> names = new java.util.ArrayList<>();

  @Mixin TrustRootOptions trust;

  @Mixin RegistryOptions registry;

  @Option(names = "--output", paramLabel = "text|json", description = "Output format.")
  OutputFormat output = OutputFormat.text;

  @Option(
      names = {"-v", "--verbose"},
      description = "With text output, list every check.")
  boolean verbose;

  @Override
  public Integer call() {
    PolicySet policies = VerifyImageCommand.loadPolicies(policy);
    List<String> chosen =
        names.isEmpty()
            ? policies.policies().stream().map(ImagePolicy::name).collect(Collectors.toList())
            : names;
    for (String n : chosen) {
      if (policies.policies().stream().noneMatch(p -> p.name().equals(n))) {
        throw new UsageException("USAGE", "no policy named '" + n + "' in " + policy);
      }
    }
    Verifier.Builder builder =
        Verifier.builder().trustRoots(trust.loadFor(policies)).policies(policies);
    PrintWriter out = spec.commandLine().getOut();
    if (subject.image != null) {
      ImageReference ref = VerifyImageCommand.parseImage(subject.image);
      Verifier verifier = build(builder.evidenceSource(registry.evidenceSource()));
      for (String n : chosen) {
        ImagePolicy p =
            policies.policies().stream().filter(x -> x.name().equals(n)).findFirst().get();
        if (!p.appliesTo(ref)) {
          out.println(
              "note: policy '"
                  + n
                  + "' would not apply to "
                  + ref.name()
                  + " (its images: "
                  + p.images()
                  + "); evaluating it anyway");
        }
      }
      PolicyDecision d = verifier.evaluate(ref, chosen);
      DecisionPrinter.print(out, d, output, verbose);
      return DecisionPrinter.exitCode(d);
    }
    byte[] bundleBytes = VerifyBundleCommand.readBundle(subject.bundle.bundle);
    Artifact artifact = VerifyBundleCommand.artifact(subject.bundle.artifact);
    Verifier verifier = build(builder);
    int exit = ExitCode.VERIFIED;
    for (String n : chosen) {
      PolicyVerdict v = verifier.evaluateBundle(n, bundleBytes, artifact);
      out.println(
          "policy '" + n + "' [" + v.mode().name().toLowerCase(java.util.Locale.ROOT) + "]:");
      VerdictPrinter.print(out, v.verdict(), output, verbose);
      exit = Math.max(exit, ExitCode.of(v.verdict().outcome()));
      if (v.verdict().outcome() != Outcome.PASS
          && v.mode() != dev.countersign.verify.policy.Mode.ENFORCE) {
        out.println(
            "  (mode "
                + v.mode().name().toLowerCase(java.util.Locale.ROOT)
                + ": would be admitted)");
      }
    }
    return exit;
  }

  private static Verifier build(Verifier.Builder b) {
    try {
      return b.build();
    } catch (PolicyException e) {
      throw new UsageException("POLICY_INVALID", e.getMessage());
    }
  }
}
