package dev.countersign.cli;

import dev.countersign.verify.Artifact;
import dev.countersign.verify.Digest;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code countersign verify-bundle}: verifies a Sigstore bundle for a file or digest, offline. Its
 * options follow the sigstore-conformance client protocol.
 */
@Command(
    name = "verify-bundle",
    description =
        "Verify a Sigstore bundle (v0.1-v0.3) for an artifact file or sha256 digest, offline.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class VerifyBundleCommand implements Callable<Integer> {
  /** Largest bundle file read. */
  static final long MAX_BUNDLE_FILE = 64L * 1024 * 1024;

  @Spec CommandSpec spec;

  @Option(
      names = "--bundle",
      required = true,
      paramLabel = "FILE",
      description = "The Sigstore bundle (JSON).")
  Path bundle;

  @Mixin IdentityOptions identity;

  @Mixin TrustRootOptions trust;

  @Option(
      names = "--output",
      paramLabel = "text|json",
      description = "Output format (default: text).")
  OutputFormat output = OutputFormat.text;

  @Option(
      names = {"-v", "--verbose"},
      description = "With text output, list every check.")
  boolean verbose;

  @Parameters(
      index = "0",
      paramLabel = "FILE_OR_DIGEST",
      description =
          "The artifact, or its digest as sha256:<hex> (a digest-shaped name that exists as a file is read as the file).")
  String artifact;

  @Override
  public Integer call() {
    Authority authority = identity.authority();
    byte[] bundleBytes = readBundle(bundle);
    Artifact subject = artifact(artifact);
    Verifier verifier = Verifier.builder().trustRoots(trust.load()).build();
    VerificationRequest.Bundle request =
        VerificationRequest.bundle(bundleBytes, subject, authority);
    if (trust.trustedRoots.size() > 1) {
      request =
          new VerificationRequest.Bundle(
              bundleBytes, subject, request.authorities(), Optional.empty());
    }
    Verdict verdict = verifier.verify(request);
    VerdictPrinter.print(spec.commandLine().getOut(), verdict, output, verbose);
    return ExitCode.of(verdict.outcome());
  }

  static byte[] readBundle(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new UsageException("INPUT_UNREADABLE", "cannot read bundle " + file + ": not a file");
      }
      if (Files.size(file) > MAX_BUNDLE_FILE) {
        throw new UsageException(
            "EVIDENCE_MALFORMED",
            "bundle " + file + " is larger than " + MAX_BUNDLE_FILE + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException(
          "INPUT_UNREADABLE", "cannot read bundle " + file + ": " + e.getMessage());
    }
  }

  /**
   * The conformance protocol's rule: {@code sha256:<64 hex>} that is not an existing path is a
   * digest; anything else is a file.
   */
  static Artifact artifact(String arg) {
    Optional<Digest> digest = Digest.tryParse(arg);
    Path path = null;
    try {
      path = Paths.get(arg);
    } catch (RuntimeException e) {
      // not a valid path on this platform: only a digest can be meant
    }
    if (digest.isPresent()
        && digest.get().algorithm().equals("sha256")
        && (path == null || !Files.exists(path))) {
      return Artifact.ofDigest(digest.get());
    }
    if (path == null || !Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new UsageException("INPUT_UNREADABLE", "cannot read artifact " + arg);
    }
    return Artifact.ofFile(path);
  }
}
