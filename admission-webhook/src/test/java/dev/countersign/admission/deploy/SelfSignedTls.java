package dev.countersign.admission.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One run of {@code deploy/gen-self-signed.sh} and what it printed. */
record SelfSignedTls(int exitCode, String stdout, String stderr, Path out) {
  private static final long TIMEOUT_SECONDS = 60;

  /** Runs the script with {@code --out out} and the given arguments; skipped without openssl. */
  static SelfSignedTls run(Path out, String... args) {
    assumeTrue(onPath("bash"), "bash is not installed: gen-self-signed.sh not run");
    assumeTrue(onPath("openssl"), "openssl is not installed: gen-self-signed.sh not run");
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(DeployFiles.selfSignedScript().toString());
    command.addAll(List.of(args));
    command.add("--out");
    command.add(out.toString());
    try {
      Path stdout = Files.createTempFile("gen-self-signed", ".out");
      Path stderr = Files.createTempFile("gen-self-signed", ".err");
      try {
        Process p =
            new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("gen-self-signed.sh did not finish in time");
        }
        return new SelfSignedTls(
            p.exitValue(),
            Files.readString(stdout, StandardCharsets.UTF_8),
            Files.readString(stderr, StandardCharsets.UTF_8),
            out);
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run gen-self-signed.sh: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running gen-self-signed.sh", e);
    }
  }

  /** Runs the script and requires it to succeed. */
  static SelfSignedTls generate(Path out, String... args) {
    SelfSignedTls r = run(out, args);
    if (r.exitCode() != 0) {
      throw new AssertionError("gen-self-signed.sh failed (" + r.exitCode() + "): " + r.stderr());
    }
    return r;
  }

  /** The caBundle the script printed (one base64 line). */
  String caBundle() {
    return stdout.strip();
  }

  String file(String name) {
    try {
      return Files.readString(out.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("gen-self-signed.sh did not write " + name, e);
    }
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/bin", program));
  }
}
