package dev.countersign.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** One in-process run of {@code countersign}: exit code, stdout, stderr and how long it took. */
record Cli(int exitCode, String out, String err, Duration elapsed) {
  static Cli run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int code =
        Main.run(
            args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(
        code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
  }

  /** Non-blank lines of stderr. */
  List<String> errLines() {
    return err.lines().filter(l -> !l.isBlank()).toList();
  }

  /** Non-blank lines of stdout. */
  List<String> outLines() {
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  /** stdout parsed as JSON. */
  JsonNode json() {
    try {
      return new ObjectMapper().readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON:\n" + out + "\nstderr:\n" + err, e);
    }
  }

  /** Everything printed, for assertion messages. */
  String transcript() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }

  /** The exit code, and nothing that looks like a stack trace anywhere. */
  Cli assertExit(int expected) {
    assertThat(exitCode).as(transcript()).isEqualTo(expected);
    assertThat(out + err)
        .as(transcript())
        .doesNotContain("\tat ")
        .doesNotContain("Caused by:")
        .doesNotContainPattern("(?m)^\\S+(Exception|Error): ");
    return this;
  }
}
