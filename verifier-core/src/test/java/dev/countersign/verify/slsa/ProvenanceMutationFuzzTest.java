package dev.countersign.verify.slsa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.bundle.SigstoreBundle;
import dev.countersign.verify.corpus.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of provenance statements (real ones from the corpus when present, and
 * those built in tests): retyped, removed, renamed and altered fields, byte flips and truncations.
 * Parsing never throws anything but EvidenceFormatException, and evaluating whatever parses never
 * throws at all.
 */
class ProvenanceMutationFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Longer runs: -Dcountersign.fuzz.iterations=100000 -Dcountersign.fuzz.seed=... */
  private static final int ITERATIONS = Integer.getInteger("countersign.fuzz.iterations", 4000);

  private static final long SEED = Long.getLong("countersign.fuzz.seed", 20261124L);

  private static final SlsaExpectation EVERYTHING =
      SlsaExpectation.builder()
          .trustedBuilders(TrustedBuilders.slsaGithubGenerator())
          .builderId(Statements.GENERATOR)
          .sourceRepositoryGlob("github.com/**")
          .sourceBranch("main")
          .sourceVersionedTag("v1")
          .buildType("https://github.com/slsa-framework/slsa-github-generator/generic@v1")
          .minimumLevel(SlsaBuildLevel.L3)
          .build();

  @Test
  void mutatedProvenanceOnlyEverFailsAsMalformed() throws Exception {
    List<byte[]> seeds = seeds();
    ProvenanceSigner signer =
        Statements.githubSigner(
            Statements.GENERATOR + "@refs/tags/v2.1.0", "refs/heads/main", "github-hosted");
    Random random = new Random(SEED);
    int parsed = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] seed = seeds.get(i % seeds.size());
      byte[] mutated =
          random.nextInt(5) == 0 ? mutateBytes(seed, random) : mutateTree(seed, random);
      SlsaProvenance p;
      try {
        p = SlsaProvenance.from(InTotoStatement.parse(mutated));
      } catch (EvidenceFormatException expected) {
        assertThat(expected.reason()).isNotNull();
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError(
            "iteration "
                + i
                + " threw "
                + e
                + " for "
                + new String(mutated, StandardCharsets.UTF_8),
            e);
      }
      parsed++;
      try {
        SlsaEvaluation e = SlsaEvaluator.evaluate(p, signer, EVERYTHING);
        assertThat(e.findings()).isNotEmpty();
        SlsaEvaluator.evaluate(p, SlsaExpectation.none());
      } catch (RuntimeException e) {
        throw new AssertionError(
            "evaluation threw at iteration "
                + i
                + ": "
                + new String(mutated, StandardCharsets.UTF_8),
            e);
      }
    }
    assertThat(parsed).as("some mutations must still parse").isGreaterThan(ITERATIONS / 10);
  }

  private static List<byte[]> seeds() throws Exception {
    List<byte[]> out = new ArrayList<>();
    out.add(
        Statements.statementJson(
            ProvenanceV02.PREDICATE_TYPE,
            Statements.genericV02("refs/tags/v2.1.0", "refs/tags/v1.2.3", "push")));
    out.add(
        Statements.statementJson(
            ProvenanceV1.PREDICATE_TYPE,
            Statements.githubWorkflowV1("acme/app", "refs/heads/main")));
    out.add(
        Statements.statementJson(
            ProvenanceV1.PREDICATE_TYPE,
            Statements.delegatorV1("refs/tags/v2.1.0", "refs/tags/v14")));
    Corpus.root()
        .map(r -> r.resolve("provenance/slsa-verifier"))
        .filter(Files::isDirectory)
        .ifPresent(d -> out.addAll(corpusStatements(d)));
    return out;
  }

  private static List<byte[]> corpusStatements(Path dir) {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().matches(".*\\.(jsonl|slsa|json)$")).toList()) {
        JsonNode doc = JSON.readTree(Files.readAllLines(f, StandardCharsets.UTF_8).get(0));
        List<JsonNode> bundles = new ArrayList<>();
        if (doc.has("attestations")) {
          doc.get("attestations").forEach(a -> bundles.add(a.get("bundle")));
        } else {
          bundles.add(doc);
        }
        for (JsonNode b : bundles) {
          DsseEnvelope env =
              b.has("mediaType")
                  ? (DsseEnvelope) SigstoreBundle.parse(JSON.writeValueAsBytes(b)).content()
                  : DsseEnvelope.parse(JSON.writeValueAsBytes(b));
          out.add(env.payload());
        }
      }
    } catch (Exception e) {
      throw new AssertionError("cannot read corpus provenance", e);
    }
    return out;
  }

  private static byte[] mutateBytes(byte[] in, Random r) {
    byte[] b = in.clone();
    switch (r.nextInt(3)) {
      case 0 -> {
        for (int k = 0; k < 1 + r.nextInt(4); k++) {
          b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        return b;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(b, r.nextInt(b.length));
      }
      default -> {
        int at = r.nextInt(b.length);
        b[at] = (byte) "{}[]\",:0tn\\".charAt(r.nextInt(11));
        return b;
      }
    }
  }

  private static byte[] mutateTree(byte[] in, Random r) throws Exception {
    JsonNode root = JSON.readTree(in);
    List<JsonNode[]> slots = new ArrayList<>();
    collect(root, slots);
    for (int k = 0; k < 1 + r.nextInt(3); k++) {
      JsonNode[] slot = slots.get(r.nextInt(slots.size()));
      mutate(slot[0], slot[1], r);
    }
    return JSON.writeValueAsBytes(root);
  }

  /** Every (container, child-key) pair; the key is a text node (objects) or int node (arrays). */
  private static void collect(JsonNode node, List<JsonNode[]> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(new JsonNode[] {node, F.textNode(e.getKey())});
        collect(e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new JsonNode[] {node, F.numberNode(i)});
        collect(node.get(i), out);
      }
    }
  }

  private static void mutate(JsonNode container, JsonNode key, Random r) {
    JsonNode replacement =
        switch (r.nextInt(9)) {
          case 0 -> F.numberNode(r.nextInt());
          case 1 -> F.booleanNode(r.nextBoolean());
          case 2 -> F.nullNode();
          case 3 -> F.arrayNode().add("git+https://github.com/acme/app@refs/tags/v1.0.0");
          case 4 -> F.objectNode().put("uri", "git+https://github.com/x/y").put("id", "z@w@v");
          case 5 ->
              F.textNode(
                  List.of(
                          "",
                          "@",
                          "refs/tags/",
                          "refs/heads/",
                          "git+https://",
                          "https://github.com/a/b@",
                          "v1.2.3-",
                          "\u0000")
                      .get(r.nextInt(8)));
          case 6 -> F.textNode("refs/tags/v" + r.nextInt(20) + "." + r.nextInt(3));
          default -> null;
        };
    if (container.isObject()) {
      ObjectNode o = (ObjectNode) container;
      String name = key.textValue();
      if (!o.has(name)) {
        return;
      }
      if (replacement == null) {
        if (r.nextBoolean()) {
          o.remove(name);
        } else {
          o.set(name.toUpperCase(), o.remove(name));
        }
      } else {
        o.set(name, replacement);
      }
    } else {
      ArrayNode a = (ArrayNode) container;
      int i = key.intValue();
      if (i >= a.size()) {
        return;
      }
      if (replacement == null) {
        a.remove(i);
      } else {
        a.set(i, replacement);
      }
    }
  }
}
