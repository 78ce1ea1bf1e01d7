package dev.countersign.cli;

import dev.countersign.verify.sbom.Sbom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code countersign sbom}: SBOM validation and policy gates, offline. */
@Command(
    name = "sbom",
    description = "Validate SBOMs (CycloneDX JSON/XML, SPDX JSON) and apply SBOM policy gates.",
    mixinStandardHelpOptions = true,
    subcommands = {SbomValidateCommand.class, SbomCheckCommand.class})
final class SbomCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: validate or check");
  }

  /** Reads an input file of at most {@link Sbom#MAX_BYTES}; unreadable is a usage error. */
  static byte[] read(Path file, String what) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new UsageException(
            "INPUT_UNREADABLE", "cannot read " + what + " " + file + ": not a file");
      }
      if (Files.size(file) > Sbom.MAX_BYTES) {
        throw new UsageException(
            "INPUT_UNREADABLE", what + " " + file + " is larger than " + Sbom.MAX_BYTES + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageException(
          "INPUT_UNREADABLE", "cannot read " + what + " " + file + ": " + e.getMessage());
    }
  }
}
