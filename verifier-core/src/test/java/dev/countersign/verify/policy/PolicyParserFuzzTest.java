package dev.countersign.verify.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated policy files never escape the API as anything but a located {@link PolicyException}: no
 * parser crash, no unlocated error, and the linter never throws at all.
 */
class PolicyParserFuzzTest {
  /** Longer runs: -Dcountersign.fuzz.iterations=100000 -Dcountersign.fuzz.seed=... */
  private static final int ITERATIONS = Integer.getInteger("countersign.fuzz.iterations", 2000);

  private static final long SEED = Long.getLong("countersign.fuzz.seed", 20261123L);

  private static final String SEED_POLICY =
      "apiVersion: policy.countersign.dev/v1alpha1\n"
          + "kind: ImagePolicy\n"
          + "metadata:\n"
          + "  name: fuzz\n"
          + "spec:\n"
          + "  mode: warn\n"
          + "  multiArch: platforms\n"
          + "  images:\n"
          + "    - glob: \"registry.example/acme/**\"\n"
          + "  authorities:\n"
          + "    - name: ci\n"
          + "      keyless:\n"
          + "        identities:\n"
          + "          - issuer: https://token.actions.githubusercontent.com\n"
          + "            subjectRegExp: '^https://github\\.com/acme/app/.+$'\n"
          + "            githubWorkflowTrigger: push\n"
          + "  attestations:\n"
          + "    - name: provenance\n"
          + "      predicateType: https://slsa.dev/provenance/v1\n"
          + "      slsa:\n"
          + "        sourceRepository: github.com/acme/app\n"
          + "        sourceVersionedTag: v1\n"
          + "        minimumLevel: 2\n"
          + "    - name: sbom\n"
          + "      predicateType: https://cyclonedx.org/bom\n"
          + "      sbom:\n"
          + "        deniedPurls: [\"pkg:npm/x@vers:npm/>=1.0.0|<1.2.0\"]\n"
          + "        deniedLicenses: [GPL-3.0-only]\n"
          + "        maxAge: 30d\n"
          + "        failOnSeverity: high\n";

  private static final String[] TOKENS = {
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "&a",
    "*a",
    "!!binary",
    "!!python/object",
    "~",
    "null",
    "true",
    "42",
    "-1",
    "1e9999",
    "\t",
    "\\",
    "|",
    ">",
    "#",
    "---",
    "...",
    "%YAML 1.1",
    "<<: *a",
    "? ",
    "\u0000",
    "\uFEFF",
    "key: value",
    "glob: \"**\"",
    "issuer:",
    "pem: x",
    "slsa: {}",
    "sbom: []",
    "authorities: []",
    "identities: [{}]",
    "\n  ",
    "\n- ",
    "é",
    "😀"
  };

  @TempDir Path dir;

  @Test
  void mutatedPoliciesOnlyFailAsLocatedPolicyExceptions() throws Exception {
    Random random = new Random(SEED);
    int compiled = 0;
    int rejected = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      String text = mutate(SEED_POLICY, random);
      try {
        PolicySet.parse("fuzz.yaml", text, dir);
        compiled++;
      } catch (PolicyException e) {
        rejected++;
        if (!e.location().startsWith("fuzz.yaml")) {
          fail("iteration " + i + ": unlocated error '" + e.getMessage() + "' for:\n" + text);
        }
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError("iteration " + i + " escaped as " + e + " for:\n" + text, e);
      }
      if (i % 10 == 0) {
        java.nio.file.Files.writeString(dir.resolve("p.yaml"), text);
        try {
          PolicyLint.lint(dir.resolve("p.yaml"), Optional.empty(), Instant.EPOCH);
        } catch (RuntimeException e) {
          throw new AssertionError("lint threw on iteration " + i + " for:\n" + text, e);
        }
      }
    }
    assertTrue(rejected > ITERATIONS / 4, "mutations should mostly break the policy: " + rejected);
    assertFalse(compiled == 0 && ITERATIONS > 100, "some mutations should still compile");
  }

  static String mutate(String text, Random random) {
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    int n = 1 + random.nextInt(3);
    for (int k = 0; k < n; k++) {
      int line = random.nextInt(lines.size());
      String l = lines.get(line);
      switch (random.nextInt(7)) {
        case 0 -> lines.remove(line);
        case 1 -> lines.add(line, l);
        case 2 -> lines.set(line, " ".repeat(random.nextInt(6)) + l.strip());
        case 3 -> {
          int at = l.isEmpty() ? 0 : random.nextInt(l.length());
          lines.set(
              line, l.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + l.substring(at));
        }
        case 4 -> {
          if (!l.isEmpty()) {
            int at = random.nextInt(l.length());
            lines.set(
                line,
                l.substring(0, at) + l.substring(Math.min(l.length(), at + 1 + random.nextInt(8))));
          }
        }
        case 5 ->
            lines.set(
                line,
                l.replaceFirst(
                    ":\\s.*$",
                    java.util.regex.Matcher.quoteReplacement(
                        ": " + TOKENS[random.nextInt(TOKENS.length)])));
        default -> {
          int other = random.nextInt(lines.size());
          lines.set(line, lines.get(other));
          lines.set(other, l);
        }
      }
      if (lines.isEmpty()) {
        lines.add("");
      }
    }
    return String.join("\n", lines);
  }
}
