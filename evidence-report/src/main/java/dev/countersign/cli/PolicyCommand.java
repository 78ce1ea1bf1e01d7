package dev.countersign.cli;

import picocli.CommandLine.Command;

/** {@code countersign policy}: work with ImagePolicy files. */
@Command(
    name = "policy",
    description = "Lint ImagePolicy files, or show the verdict a policy gives an image or bundle.",
    mixinStandardHelpOptions = true,
    subcommands = {PolicyLintCommand.class, PolicyTestCommand.class})
final class PolicyCommand {}
