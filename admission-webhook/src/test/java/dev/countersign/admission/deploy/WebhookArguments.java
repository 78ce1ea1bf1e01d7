package dev.countersign.admission.deploy;

import dev.countersign.admission.server.WebhookMain;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The container arguments as the webhook itself parses them: the same picocli options as {@code
 * countersign webhook}, so a flag the server does not know, or a value it cannot convert, fails
 * here instead of in a crash-looping pod.
 */
final class WebhookArguments {
  private WebhookArguments() {}

  /** Parses the arguments after the {@code webhook} subcommand; nothing is started. */
  static ParseResult parse(List<String> containerArgs) {
    if (containerArgs.isEmpty() || !containerArgs.get(0).equals("webhook")) {
      throw new AssertionError(
          "the container does not run `countersign webhook`: " + containerArgs);
    }
    CommandLine cl = new CommandLine(new WebhookMain());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      return cl.parseArgs(containerArgs.subList(1, containerArgs.size()).toArray(String[]::new));
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError("the webhook rejects its arguments: " + e.getMessage(), e);
    }
  }
}
