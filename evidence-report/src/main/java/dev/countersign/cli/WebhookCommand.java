package dev.countersign.cli;

import dev.countersign.admission.server.StartupException;
import dev.countersign.admission.server.Webhook;
import dev.countersign.admission.server.WebhookOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code countersign webhook}: runs the Kubernetes admission webhook over HTTPS until stopped
 * (SIGTERM). Logs are JSON lines on stdout.
 */
@Command(
    name = "webhook",
    description =
        "Run the Kubernetes admission webhook: POST /validate and /mutate over HTTPS, verifying"
            + " every image against the policies; GET /healthz, /readyz, /metrics.",
    mixinStandardHelpOptions = true,
    sortOptions = false)
final class WebhookCommand implements Callable<Integer> {
  @Mixin WebhookOptions options;

  @Override
  public Integer call() {
    Webhook webhook;
    try {
      webhook = Webhook.start(options, System.out);
    } catch (StartupException e) {
      throw new UsageException(e.reason(), e.getMessage());
    }
    Thread hook = new Thread(webhook::close, "countersign-webhook-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    webhook.awaitTermination();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already stopping; the hook closes the webhook.
    }
    return ExitCode.VERIFIED;
  }
}
