package dev.countersign.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.countersign.testkit.TestSigstore;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.policy.PolicyException;
import dev.countersign.verify.policy.PolicyLint;
import dev.countersign.verify.policy.PolicySet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped policy file is loaded: reference and valid ones compile and lint without errors;
 * each invalid one fails with the error its first line states ({@code # expect: LINE: MESSAGE}).
 */
class PolicyExamplesTest {
  static final Path MODULE = moduleDirectory();
  static final Pattern EXPECT = Pattern.compile("^# expect: ([0-9]+): (.+)$");
  @TempDir static Path trustRoots;

  static Path moduleDirectory() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("reference")) ? here : here.resolve("policies");
  }

  /** The air-gapped reference policy names a private root "govcloud": provide one. */
  @BeforeAll
  static void privateRoot() throws IOException {
    Files.writeString(
        trustRoots.resolve("govcloud.json"),
        TestSigstore.create(Instant.parse("2025-01-01T00:00:00Z")).trustedRootJson());
  }

  static List<Path> files(String dir) throws IOException {
    try (Stream<Path> s = Files.list(MODULE.resolve(dir))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
    }
  }

  @TestFactory
  Stream<DynamicTest> referenceAndValidPoliciesCompileAndLintClean() throws IOException {
    return Stream.concat(files("reference").stream(), files("valid").stream())
        .map(
            f ->
                DynamicTest.dynamicTest(
                    MODULE.relativize(f).toString(),
                    () -> {
                      PolicySet set = PolicySet.load(f);
                      assertFalse(set.policies().isEmpty());
                      List<LintFinding> findings =
                          PolicyLint.lint(f, Optional.of(trustRoots), Instant.now());
                      List<LintFinding> serious =
                          findings.stream()
                              .filter(x -> x.severity() != LintFinding.Severity.INFO)
                              .collect(Collectors.toList());
                      assertEquals(List.of(), serious, "lint findings in " + f);
                    }));
  }

  @Test
  void eachDirectoryLoadsAsOneSet() {
    assertEquals(3, PolicySet.load(MODULE.resolve("reference")).policies().size());
    assertTrue(PolicySet.load(MODULE.resolve("valid")).policies().size() >= 8);
  }

  @Test
  void theAuditRolloutPolicyCoversImagesOfEveryRegistry() {
    PolicySet rollout = PolicySet.load(MODULE.resolve("reference/audit-rollout.yaml"));
    for (String image :
        List.of(
            "nginx",
            "ghcr.io/acme/app:1",
            "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com/prod/payments-api:2",
            "localhost:5000/team/app")) {
      assertEquals(
          1, rollout.matching(ImageReference.parse(image)).size(), "policies matching " + image);
    }
  }

  @TestFactory
  Stream<DynamicTest> invalidPoliciesFailWithTheirStatedError() throws IOException {
    List<Path> invalid = files("invalid");
    assertTrue(invalid.size() >= 15, "invalid examples: " + invalid.size());
    return invalid.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      String first = Files.readAllLines(f, StandardCharsets.UTF_8).get(0);
                      Matcher m = EXPECT.matcher(first);
                      assertTrue(m.matches(), f + " must start with '# expect: LINE: MESSAGE'");
                      PolicyException e =
                          assertThrows(PolicyException.class, () -> PolicySet.load(f));
                      String expected = f + ":" + m.group(1) + ": " + m.group(2);
                      assertTrue(
                          e.getMessage().startsWith(expected) || e.getMessage().contains(expected),
                          "expected '" + expected + "' but got '" + e.getMessage() + "'");
                      // The linter reports the same problem, located, without throwing.
                      List<LintFinding> lint =
                          PolicyLint.lint(f, Optional.of(trustRoots), Instant.now());
                      assertTrue(
                          lint.stream()
                              .anyMatch(
                                  x ->
                                      x.severity() == LintFinding.Severity.ERROR
                                          && x.location().startsWith(f + ":" + m.group(1))),
                          "lint of " + f + " did not report line " + m.group(1) + ": " + lint);
                    }));
  }
}
