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
    subcommands = {VerifyBundleCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code (also used by tests). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("countersign: USAGE: " + ex.getMessage());
          err.println(
              "Try 'countersign "
                  + (ex.getCommandLine().getCommandName().equals("countersign")
                      ? ""
                      : ex.getCommandLine().getCommandName() + " ")
                  + "--help'.");
          return ExitCode.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parseResult) -> {
          if (ex instanceof UsageException) {
            err.println("countersign: " + ((UsageException) ex).reason() + ": " + ex.getMessage());
            return ExitCode.USAGE;
          }
          err.println(
              "countersign: INTERNAL_ERROR: "
                  + ex.getClass().getSimpleName()
                  + ": "
                  + ex.getMessage());
          if (System.getenv("COUNTERSIGN_DEBUG") != null) {
            ex.printStackTrace(err);
          }
          return ExitCode.UNEVALUATED;
        });
    return cl.execute(args);
  }
}
