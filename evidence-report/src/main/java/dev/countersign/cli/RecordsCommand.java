package dev.countersign.cli;

import dev.countersign.admission.records.DecisionLog;
import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.admission.records.LogFileSummary;
import dev.countersign.admission.records.LogVerification;
import dev.countersign.admission.records.LogVerificationJson;
import dev.countersign.admission.records.VerifyOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code countersign records}: the decision logs the admission webhook writes (hash-chained, signed
 * JSON lines; format in admission-webhook/RECORDS.md).
 */
@Command(
    name = "records",
    description = "Verify the admission webhook's decision logs, or make a key to sign them.",
    mixinStandardHelpOptions = true,
    subcommands = {RecordsCommand.Verify.class, RecordsCommand.Keygen.class})
final class RecordsCommand {

  /**
   * {@code countersign records verify FILE...}: exit 0 when every line is intact, 1 with one line
   * per problem ({@code FILE:LINE: KIND: message}), 2 for unreadable files or keys.
   */
  @Command(
      name = "verify",
      description =
          "Check that no line of a decision log was edited, removed, reordered or cut off: hash"
              + " chain, signatures, sequence numbers, closing line.",
      mixinStandardHelpOptions = true,
      sortOptions = false)
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        arity = "1..*",
        paramLabel = "FILE",
        description = "Decision-log files, oldest first (a rotated file before its continuation).")
    List<Path> files = new ArrayList<>();

    @Option(
        names = "--public-key",
        paramLabel = "PEM",
        description =
            "The key the log must be signed with (PEM SubjectPublicKeyInfo; repeatable). Without"
                + " it, the key in the log's first line is used: that shows the log is intact, not"
                + " who wrote it.")
    List<Path> publicKeys = new ArrayList<>();

    @Option(
        names = "--open",
        description = "The last file is still being written: accept it without a closing line.")
    boolean open;

    @Option(
        names = "--output",
        paramLabel = "text|json",
        description = "Output format (default: text).")
    OutputFormat output = OutputFormat.text;

    @Override
    public Integer call() {
      for (Path f : files) {
        if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
          throw new UsageException(
              "INPUT_UNREADABLE", "cannot read decision log " + f + ": no such readable file");
        }
      }
      List<PublicKey> keys = new ArrayList<>();
      for (Path p : publicKeys) {
        try {
          keys.add(DecisionLogKeys.readPublicKey(p));
        } catch (DecisionLogException e) {
          throw new UsageException("KEY_UNSUPPORTED", "--public-key " + e.getMessage());
        }
      }
      LogVerification report;
      try {
        report =
            DecisionLog.verify(
                files, VerifyOptions.defaults().withExpectedKeys(keys).withOpenTail(open));
      } catch (DecisionLogException e) {
        throw new UsageException("INPUT_UNREADABLE", e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output == OutputFormat.json) {
        out.println(LogVerificationJson.toPrettyJson(report));
      } else {
        printText(out, report);
      }
      out.flush();
      return report.valid() ? ExitCode.VERIFIED : ExitCode.FAILED;
    }

    private static void printText(PrintWriter out, LogVerification r) {
      r.problems().forEach(out::println);
      if (r.problemCount() > r.problems().size()) {
        out.println("... and " + (r.problemCount() - r.problems().size()) + " more problem(s)");
      }
      for (String note : r.notes()) {
        out.println("note: " + note);
      }
      for (LogFileSummary f : r.files()) {
        out.println(
            f.file()
                + ": "
                + f.lines()
                + " line(s), "
                + f.records()
                + " record(s)"
                + (f.firstSeq() < 0 ? "" : ", seq " + f.firstSeq() + ".." + f.lastSeq())
                + (f.keyId().isEmpty() ? "" : ", key " + f.keyId())
                + ", "
                + f.end().name().toLowerCase(Locale.ROOT)
                + (f.headHash().isEmpty() ? "" : ", head " + f.headHash()));
      }
      if (r.valid()) {
        out.println(
            "VALID: "
                + r.files().size()
                + " file(s), "
                + r.lines()
                + " line(s), "
                + r.records()
                + " record(s)");
      } else {
        out.println(
            "TAMPERED: "
                + r.problemCount()
                + " problem(s) in "
                + r.files().size()
                + " file(s), "
                + r.lines()
                + " line(s)");
      }
    }
  }

  /** {@code countersign records keygen --out DIR}: a new Ed25519 key pair for a decision log. */
  @Command(
      name = "keygen",
      description =
          "Write a new Ed25519 key pair for signing decision logs: NAME.key (PKCS#8 PEM, readable"
              + " by its owner only) and NAME.pub (public key PEM, for `records verify"
              + " --public-key`).",
      mixinStandardHelpOptions = true,
      sortOptions = false)
  static final class Keygen implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Directory to write the keys to (created if missing).")
    Path out;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "File name without extension (default: decision-log).")
    String name = "decision-log";

    @Override
    public Integer call() {
      if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
        throw new UsageException("USAGE", "--name must be a plain file name: " + name);
      }
      Path privateFile = out.resolve(name + ".key");
      Path publicFile = out.resolve(name + ".pub");
      for (Path p : List.of(privateFile, publicFile)) {
        if (Files.exists(p)) {
          throw new UsageException("OUTPUT_EXISTS", p + " exists; keys are never overwritten");
        }
      }
      KeyPair pair = DecisionLogKeys.generateEd25519();
      try {
        Files.createDirectories(out);
        DecisionLogKeys.writePrivateKey(privateFile, pair.getPrivate());
        DecisionLogKeys.writePublicKey(publicFile, pair.getPublic());
      } catch (FileAlreadyExistsException e) {
        throw new UsageException(
            "OUTPUT_EXISTS", e.getFile() + " exists; keys are never overwritten");
      } catch (IOException e) {
        throw new UsageException("OUTPUT_UNWRITABLE", "cannot write keys to " + out + ": " + e);
      }
      PrintWriter w = spec.commandLine().getOut();
      w.println("private key: " + privateFile + " (Ed25519, PKCS#8 PEM; keep it in a Secret)");
      w.println("public key:  " + publicFile);
      w.println("key id:      " + DecisionLogKeys.keyId(pair.getPublic()));
      w.flush();
      return ExitCode.VERIFIED;
    }
  }
}
