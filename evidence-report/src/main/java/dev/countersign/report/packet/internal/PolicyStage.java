package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.verify.policy.ImagePolicy;
import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.policy.PolicyLint;
import dev.countersign.verify.policy.PolicySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The policies in force: every ImagePolicy file copied as given, and an index of the policy set
 * (revision, each policy's images, mode, trust root and required attestations) with every lint
 * finding, so an assessor sees what the verdicts were judged against.
 */
public final class PolicyStage {
  public static final String DIR = "evidence/policies";
  public static final String FILES = DIR + "/files";
  public static final String INDEX = DIR + "/index.json";

  private final PacketFiles files;
  private final Path source;
  private final Optional<Path> trustRootsDirectory;
  private final Clock clock;

  /**
   * @param source the policy file, or the folder whose {@code .yaml} and {@code .yml} files hold
   *     the policies
   * @param trustRootsDirectory where the policies' named trust roots are looked up, for the lint
   */
  public PolicyStage(
      PacketFiles files, Path source, Optional<Path> trustRootsDirectory, Clock clock) {
    this.files = files;
    this.source = source;
    this.trustRootsDirectory = trustRootsDirectory;
    this.clock = clock;
  }

  /**
   * @return the lint findings on the policies, for the report
   */
  public List<LintFinding> run(PolicySet policies) throws IOException {
    for (Path p : policyFiles()) {
      String rel =
          Files.isDirectory(source)
              ? source.relativize(p).toString().replace('\\', '/')
              : p.getFileName().toString();
      String path = FILES + "/" + Names.path(rel);
      files.copy(p, path);
      files
          .registry()
          .add(
              path,
              "application/yaml",
              "An ImagePolicy file in force (" + rel + ").",
              "",
              "policy.files");
    }
    List<LintFinding> lint = PolicyLint.lint(source, trustRootsDirectory, clock.instant());
    ObjectNode index = PacketJson.object();
    index.put("revision", policies.revision());
    ArrayNode list = index.putArray("policies");
    for (ImagePolicy p : policies.policies()) {
      ObjectNode o = list.addObject();
      o.put("name", p.name());
      o.put("source", p.source());
      o.put("mode", p.mode().name());
      o.set("images", PacketJson.strings(p.images().stream().map(Object::toString).toList()));
      o.put("trustRoot", p.trustRoot().orElse(""));
      o.put("authorities", p.authorities().size());
      ArrayNode atts = o.putArray("attestations");
      p.attestations()
          .forEach(
              a -> atts.addObject().put("name", a.name()).put("predicateType", a.predicateType()));
    }
    ArrayNode findings = index.putArray("lint");
    for (LintFinding f : lint) {
      findings
          .addObject()
          .put("severity", f.severity().name())
          .put("code", f.code())
          .put("location", f.location())
          .put("message", f.message());
    }
    files.writeJson(INDEX, index);
    files
        .registry()
        .add(
            INDEX,
            "application/json",
            "The policy set in force: its revision, each policy's images, mode, trust root and"
                + " required attestations, and every policy lint finding.",
            "countersign policy lint " + source.getFileName(),
            "policy.files");
    return lint;
  }

  /** The policy files, in path order so the packet lists them alike on every build. */
  private List<Path> policyFiles() throws IOException {
    List<Path> policyFiles = new ArrayList<>();
    if (Files.isDirectory(source)) {
      try (Stream<Path> s = Files.walk(source)) {
        s.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .sorted()
            .forEach(policyFiles::add);
      }
    } else {
      policyFiles.add(source);
    }
    return policyFiles;
  }
}
