package dev.countersign.admission.server;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The webhook as a runnable main ({@code java -cp ... dev.countersign.admission.server.WebhookMain
 * --tls-cert ... --policies ...}): the same flags as {@code countersign webhook}. Exit codes: 2
 * when a flag, file or configuration is wrong (one line on stderr), 0 after a clean shutdown.
 */
@Command(
    name = "countersign-webhook",
    description = "Kubernetes admission webhook that verifies every image against policies.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
public final class WebhookMain implements Callable<Integer> {
  @Mixin WebhookOptions options;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.err, true)));
  }

  static int run(String[] args, PrintWriter err) {
    CommandLine cl = new CommandLine(new WebhookMain());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("countersign-webhook: USAGE: " + ex.getMessage().replaceAll("\\s+", " "));
          return 2;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof StartupException s) {
            err.println(
                "countersign-webhook: "
                    + s.reason()
                    + ": "
                    + s.getMessage().replaceAll("\\s+", " "));
            return 2;
          }
          err.println("countersign-webhook: INTERNAL_ERROR: " + ex);
          return 3;
        });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    Webhook webhook = Webhook.start(options, System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(webhook::close, "countersign-shutdown"));
    webhook.awaitTermination();
    return 0;
  }
}
