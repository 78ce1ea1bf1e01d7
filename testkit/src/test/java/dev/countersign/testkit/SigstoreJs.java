package dev.countersign.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Drives sigstore-js ({@code @sigstore/verify}) through {@code src/test/node/verify-bundles.js}, so
 * an implementation that shares no code with the testkit judges its bundles.
 */
final class SigstoreJs {
  private final Path node;
  private final Path modules;
  private final Path script;

  private SigstoreJs(Path node, Path modules, Path script) {
    this.node = node;
    this.modules = modules;
    this.script = script;
  }

  /** One bundle to verify and what sigstore-js should conclude. */
  record Case(
      String name,
      String bundleJson,
      Bytes artifact,
      Map<String, Bytes> keys,
      String subjectAlternativeName,
      String issuer,
      String trustedRootJson,
      boolean expectVerified) {}

  /** sigstore-js's verdict on one case. */
  record Result(String name, boolean verified, String error) {}

  /** The node executable on PATH, if any. */
  static Optional<Path> findNode() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "node");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Where sigstore-js is installed: {@code -Dcountersign.sigstoreJs}, else {@code
   * <projectRoot>/tools/sigstore-js/node_modules}.
   */
  static Path modulesDirectory() {
    String explicit = System.getProperty("countersign.sigstoreJs");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String root = System.getProperty("countersign.projectRoot", "..");
    return Path.of(root, "tools", "sigstore-js", "node_modules");
  }

  /** The verification script shipped with the tests. */
  static Path script() {
    Path local = Path.of("src", "test", "node", "verify-bundles.js");
    if (Files.isRegularFile(local)) {
      return local.toAbsolutePath();
    }
    String root = System.getProperty("countersign.projectRoot", "..");
    return Path.of(root, "testkit", "src", "test", "node", "verify-bundles.js").toAbsolutePath();
  }

  static SigstoreJs at(Path node, Path modules) {
    return new SigstoreJs(node, modules, script());
  }

  /** Writes each case's files under {@code workDir} and runs one node process over them all. */
  List<Result> verify(List<Case> cases, Path workDir) throws IOException, InterruptedException {
    ArrayNode specs = Json.array();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Path dir = Files.createDirectories(workDir.resolve(String.format("%02d-%s", i, c.name())));
      ObjectNode spec = specs.addObject();
      spec.put("name", c.name());
      spec.put("bundle", write(dir.resolve("bundle.sigstore.json"), c.bundleJson()));
      spec.put("trustedRoot", write(dir.resolve("trusted_root.json"), c.trustedRootJson()));
      if (c.artifact() != null) {
        Path artifact = dir.resolve("artifact");
        Files.write(artifact, c.artifact().toByteArray());
        spec.put("artifact", artifact.toString());
      }
      ObjectNode keys = spec.putObject("keys");
      c.keys().forEach((hint, der) -> keys.put(hint, der.base64()));
      ObjectNode policy = spec.putObject("policy");
      if (c.subjectAlternativeName() != null) {
        policy.put("subjectAlternativeName", c.subjectAlternativeName());
      }
      if (c.issuer() != null) {
        policy.put("issuer", c.issuer());
      }
    }
    ObjectNode document = Json.object();
    document.set("cases", specs);
    Path casesFile = workDir.resolve("cases.json");
    write(casesFile, Json.pretty(document));

    Process process =
        new ProcessBuilder(
                node.toString(), script.toString(), modules.toString(), casesFile.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "sigstore-js run failed: " + new String(output, StandardCharsets.UTF_8));
    }
    List<Result> results = new ArrayList<>();
    for (JsonNode r : Json.parse(output)) {
      results.add(
          new Result(
              r.path("name").asText(),
              r.path("verified").asBoolean(),
              r.path("error").asText(null)));
    }
    return results;
  }

  static Map<String, Bytes> noKeys() {
    return new LinkedHashMap<>();
  }

  private static String write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file.toString();
  }
}
