package dev.countersign.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Makes {@code --aws-region} required in a command that always talks to AWS. The option is declared
 * once, in {@link AwsOptions}, where it stays optional for commands that reach AWS only when asked
 * to.
 */
final class AwsRegionRequired implements IModelTransformer {
  @Override
  public CommandSpec transform(CommandSpec command) {
    // Every option is added again, the region as a required copy, so that the help keeps listing
    // them in their declared order.
    List<OptionSpec> options = new ArrayList<>(command.options());
    options.forEach(command::remove);
    for (OptionSpec option : options) {
      command.addOption(
          option.longestName().equals("--aws-region")
              ? option.toBuilder().required(true).build()
              : option);
    }
    return command;
  }
}
