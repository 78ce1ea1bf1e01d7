package dev.countersign.verify.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.bundle.BundleWriter;
import dev.countersign.verify.Artifact;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of real bundles: byte flips, truncations, removed and retyped fields and
 * altered strings. Parsing never throws anything but EvidenceFormatException, verification never
 * throws, and no mutation that changes the bundle's meaning is ever accepted.
 */
class BundleMutationFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant AT = Instant.parse("2025-06-01T12:00:00Z");
  private static final byte[] ARTIFACT = "fuzzed artifact".getBytes(StandardCharsets.UTF_8);

  /** Longer runs: -Dcountersign.fuzz.iterations=100000 -Dcountersign.fuzz.seed=... */
  private static final int ITERATIONS = Integer.getInteger("countersign.fuzz.iterations", 3000);

  private static final long SEED = Long.getLong("countersign.fuzz.seed", 20261123L);

  @Test
  void mutatedBundlesNeverPassAndNeverThrow() throws Exception {
    TestSigstore s = TestSigstore.create(T0);
    s.rekorV1().appendFiller(100);
    String san = "https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main";
    String issuer = "https://token.actions.githubusercontent.com";
    List<SignedBundle> seeds =
        List.of(
            s.keyless(san, issuer).signArtifact(ARTIFACT, AT),
            s.keylessRekorV2(s.uriIdentity(san, issuer)).signArtifact(ARTIFACT, AT),
            s.keyless(san, issuer).signDsse("text/plain", ARTIFACT, AT));
    Verifier verifier =
        Verifier.builder()
            .trustRoot(
                TrustRoots.fromJson(
                    "fuzz", s.trustedRootJson().getBytes(StandardCharsets.UTF_8), "testkit"))
            .clock(java.time.Clock.fixed(AT.plusSeconds(3600), java.time.ZoneOffset.UTC))
            .build();
    Authority who =
        Authority.keyless(
            CertificateIdentity.of(StringMatcher.exact(san), StringMatcher.exact(issuer)));
    Random random = new Random(SEED);
    int passes = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      SignedBundle seed = seeds.get(i % seeds.size());
      byte[] original = BundleWriter.write(seed.bundle()).getBytes(StandardCharsets.UTF_8);
      byte[] mutated = mutate(original, random);
      String label = "iteration " + i;
      SigstoreBundle parsedOriginal = SigstoreBundle.parse(original);
      SigstoreBundle parsed = null;
      try {
        parsed = SigstoreBundle.parse(mutated);
      } catch (EvidenceFormatException expected) {
        assertThat(expected.reason()).isNotNull();
      }
      Verdict v =
          verifier.verify(VerificationRequest.bundle(mutated, Artifact.ofBytes(ARTIFACT), who));
      assertThat(v.outcome()).as(label + ": " + v.summary()).isIn(Outcome.PASS, Outcome.FAIL);
      if (v.outcome() == Outcome.PASS) {
        passes++;
        // Only a mutation that left the bundle's meaning intact (say, reordered keys or base64
        // padding bits) may still pass.
        assertThat(parsed).as(label + ": " + v.summary()).isNotNull();

        assertThat(Fingerprint.of(parsed)).as(label).isEqualTo(Fingerprint.of(parsedOriginal));
      }
    }
    assertThat(passes).as("some mutations are harmless, most are not").isLessThan(ITERATIONS / 2);
  }

  private static byte[] mutate(byte[] json, Random r) throws Exception {
    switch (r.nextInt(5)) {
      case 0:
        {
          byte[] copy = json.clone();
          int n = 1 + r.nextInt(3);
          for (int k = 0; k < n; k++) {
            copy[r.nextInt(copy.length)] ^= (byte) (1 << r.nextInt(8));
          }
          return copy;
        }
      case 1:
        return java.util.Arrays.copyOf(json, r.nextInt(json.length));
      default:
        {
          JsonNode tree = JSON.readTree(json);
          List<ObjectNode> objects = new ArrayList<>();
          collect(tree, objects);
          ObjectNode target = objects.get(r.nextInt(objects.size()));
          List<String> names = new ArrayList<>();
          target.fieldNames().forEachRemaining(names::add);
          if (names.isEmpty()) {
            return json;
          }
          String name = names.get(r.nextInt(names.size()));
          JsonNode value = target.get(name);
          int op = r.nextInt(4);
          if (op == 0) {
            target.remove(name);
          } else if (op == 1) {
            target.put(name, 12345);
          } else if (op == 2 && value.isTextual() && !value.textValue().isEmpty()) {
            char[] chars = value.textValue().toCharArray();
            int at = r.nextInt(chars.length);
            chars[at] = chars[at] == 'A' ? 'B' : 'A';
            target.set(name, TextNode.valueOf(new String(chars)));
          } else {
            target.set(name, JSON.createArrayNode());
          }
          return JSON.writeValueAsBytes(tree);
        }
    }
  }

  private static void collect(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode) {
      out.add((ObjectNode) node);
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        collect(it.next().getValue(), out);
      }
    } else if (node instanceof ArrayNode) {
      node.forEach(n -> collect(n, out));
    }
  }
}
