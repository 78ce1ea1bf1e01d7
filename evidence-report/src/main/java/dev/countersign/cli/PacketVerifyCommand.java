package dev.countersign.cli;

import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.report.packet.FileFinding;
import dev.countersign.report.packet.PacketException;
import dev.countersign.report.packet.PacketVerification;
import dev.countersign.report.packet.PacketVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code countersign packet verify DIR}: exit 0 when the packet is exactly as signed, 1 naming
 * every changed, added or removed file (one line each), 2 for a folder or key that cannot be read.
 */
@Command(
    name = "verify",
    description =
        "Check a packet against its signed manifest: the signature, every file's SHA-256, no file"
            + " added or removed, and the CMMC hashing logs.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class PacketVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The packet folder.")
  Path folder;

  @Option(
      names = "--public-key",
      paramLabel = "PEM",
      description =
          "The key the manifest must be signed with. Without it the packet's own manifest.pub is"
              + " used: that shows the packet is intact since signing, not who signed it.")
  Path publicKey;

  @Override
  public Integer call() {
    if (!Files.isDirectory(folder)) {
      throw new UsageException("INPUT_UNREADABLE", folder + " is not a packet folder");
    }
    Optional<PublicKey> key = Optional.empty();
    if (publicKey != null) {
      try {
        key = Optional.of(DecisionLogKeys.readPublicKey(publicKey));
      } catch (DecisionLogException e) {
        throw new UsageException("KEY_UNSUPPORTED", "--public-key " + e.getMessage());
      }
    }
    PacketVerification v;
    try {
      v = PacketVerifier.verify(folder, key);
    } catch (PacketException e) {
      throw new UsageException(e.reason().name(), e.getMessage());
    } catch (IOException e) {
      throw new UsageException("INPUT_UNREADABLE", "cannot read the packet: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    for (FileFinding f : v.findings()) {
      out.println(f);
    }
    if (v.valid()) {
      out.println(
          "INTACT: "
              + v.filesChecked()
              + " files match the manifest signed by key "
              + v.keyId()
              + (v.keyFromPacket()
                  ? " (the packet's own manifest.pub: compare this key id with the one recorded"
                      + " elsewhere)"
                  : ""));
    } else {
      out.println("TAMPERED: " + v.findings().size() + " problem(s) in " + v.folder());
    }
    out.flush();
    return v.valid() ? ExitCode.VERIFIED : ExitCode.FAILED;
  }
}
