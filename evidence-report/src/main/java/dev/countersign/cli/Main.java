package dev.countersign.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code countersign} command. */
@Command(
    name = "countersign",
    description = "Prove that what runs was built, signed and scanned the way policy says.",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    subcommands = {
      VerifyBundleCommand.class,
      VerifyImageCommand.class,
      PolicyCommand.class,
      SbomCommand.class,
      WebhookCommand.class,
      RecordsCommand.class,
      PacketCommand.class
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code (also used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          String name = ex.getCommandLine().getCommandSpec().qualifiedName();
          err.println(
              "countersign: USAGE: " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
          return ExitCode.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof UsageException) {
            err.println(
                "countersign: " + ((UsageException) ex).reason() + ": " + oneLine(ex.getMessage()));
            return ExitCode.USAGE;
          }
          err.println(
              "countersign: INTERNAL_ERROR: "
                  + ex.getClass().getSimpleName()
                  + ": "
                  + oneLine(ex.getMessage()));
          if (System.getenv("COUNTERSIGN_DEBUG") != null) {
            ex.printStackTrace(err);
          }
          return ExitCode.UNEVALUATED;
        });
    return cl.execute(args);
  }

  /** Messages are printed on one line: a trailing stack of causes helps nobody at a terminal. */
  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
