package dev.countersign.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the CLI in-process and captures its exit code and output. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Non-empty lines of stdout and stderr together. */
  List<String> lines() {
    return (out + err).lines().filter(l -> !l.isBlank()).toList();
  }
}
