package dev.countersign.verify.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.verify.EvidenceFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of {@link Sbom#parse} and {@link VexDocument#parse}: byte flips,
 * truncation, deleted fields and changed types on CycloneDX (JSON, XML), SPDX and OpenVEX seeds.
 * Nothing but EvidenceFormatException escapes, no failure comes from a NullPointerException or
 * other unexpected runtime exception, and whatever parses can be put through every gate.
 */
class SbomMutationFuzzTest {
  /** Longer runs: -Dcountersign.fuzz.iterations=100000 -Dcountersign.fuzz.seed=... */
  private static final int ITERATIONS = Integer.getInteger("countersign.fuzz.iterations", 2000);

  private static final long SEED = Long.getLong("countersign.fuzz.seed", 20261123L);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final SbomPolicy EVERY_GATE =
      SbomPolicy.builder()
          .denyPurl("pkg:maven/org.apache.logging.log4j/log4j-core", "vers:maven/<2.17.1")
          .denyPurl("pkg:npm/left-pad")
          .denyLicenses("GPL-3.0-only")
          .maxAge(java.time.Duration.ofDays(30))
          .failOnSeverity(Severity.LOW)
          .requireSubjectMatch(true)
          .build();

  private static List<byte[]> sbomSeeds() {
    byte[] cdx =
        TestBoms.cyclonedx("1.5")
            .serial("3e671687-395b-41f5-a30f-a58921a69b79")
            .timestamp("2025-06-01T00:00:00Z")
            .metadataComponent(
                "container", "acme/app", "1", "pkg:oci/app@sha256%3A" + "b".repeat(64))
            .component(
                "a", "log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
            .licenseExpression("MIT OR (GPL-3.0-only AND Apache-2.0)")
            .nested("n", "left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")
            .hash("SHA-256", "c".repeat(64))
            .vulnerability("CVE-2021-44228", "critical", 10.0, "a")
            .alias("GHSA-jfh8-c2jp-5v3q")
            .analysis("not_affected", "2025-06-02T00:00:00Z")
            .bytes();
    String xml =
        "<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\" version=\"1\">"
            + "<metadata><timestamp>2024-01-01T00:00:00Z</timestamp><component type=\"container\">"
            + "<name>app</name></component></metadata><components><component type=\"library\" bom-ref=\"x\">"
            + "<name>x</name><version>1</version><licenses><expression>MIT OR GPL-3.0-only</expression>"
            + "</licenses><purl>pkg:npm/left-pad@1</purl></component></components></bom>";
    return List.of(
        cdx,
        xml.getBytes(StandardCharsets.UTF_8),
        TestBoms.spdx("app", "b".repeat(64), "pkg:oci/app"));
  }

  private static List<byte[]> vexSeeds() {
    var open =
        TestBoms.openVex(
            "CVE-2021-44228", "pkg:oci/app@sha256%3Aabc", "not_affected", "2025-01-01T00:00:00Z");
    ((ObjectNode) open.get("statements").get(0).get("products").get(0))
        .putArray("subcomponents")
        .addObject()
        .put("@id", "pkg:maven/a/b@1");
    byte[] cdxVex =
        TestBoms.cyclonedx("1.4")
            .metadataComponent("application", "p", "1", null)
            .vulnerability("CVE-1", "high", null, "app")
            .analysis("false_positive", null)
            .bytes();
    return List.of(TestBoms.bytes(open), cdxVex);
  }

  @Test
  void mutatedSbomsNeverThrowAnythingElse() throws Exception {
    Random random = new Random(SEED);
    List<byte[]> seeds = sbomSeeds();
    int parsed = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] mutated = mutate(seeds.get(i % seeds.size()), random);
      try {
        Sbom sbom = Sbom.parse(mutated);
        parsed++;
        List<SbomFinding> f =
            SbomGate.evaluate(sbom, EVERY_GATE, SbomSubject.named("app"), List.of(), Instant.EPOCH);
        assertThat(f).isNotEmpty();
      } catch (EvidenceFormatException e) {
        assertExpected(e, "iteration " + i, "the SBOM could not be read");
      }
      SbomValidation v = Sbom.validate(mutated);
      assertThat(v).isNotNull();
    }
    assertThat(parsed).as("some mutations keep the document valid").isPositive();
  }

  @Test
  void mutatedVexDocumentsNeverThrowAnythingElse() throws Exception {
    Random random = new Random(SEED + 1);
    List<byte[]> seeds = vexSeeds();
    Sbom sbom = Sbom.parse(sbomSeeds().get(0));
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] mutated = mutate(seeds.get(i % seeds.size()), random);
      try {
        VexDocument d = VexDocument.parse(mutated);
        SbomGate.evaluate(sbom, EVERY_GATE, SbomSubject.named("app"), List.of(d), Instant.EPOCH);
      } catch (EvidenceFormatException e) {
        assertExpected(e, "iteration " + i, "the VEX document could not be read");
      }
    }
  }

  /** The exception comes from a check, not from an unexpected runtime exception. */
  private static void assertExpected(EvidenceFormatException e, String label, String safetyNet) {
    assertThat(e.getMessage()).as(label).doesNotStartWith(safetyNet);
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(t).as(label + ": " + e.getMessage()).isNotInstanceOf(NullPointerException.class);
      if (t.getCause() == t) {
        break;
      }
    }
    assertThat(e.getMessage()).as(label).isNotBlank().doesNotContain("\n");
  }

  static byte[] mutate(byte[] seed, Random random) {
    int kind = random.nextInt(seed[0] == '{' ? 5 : 3);
    switch (kind) {
      case 0:
        byte[] flipped = seed.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
        }
        return flipped;
      case 1:
        return Arrays.copyOf(seed, random.nextInt(seed.length));
      case 2:
        byte[] dup = seed.clone();
        int at = random.nextInt(dup.length);
        dup[at] = "{}[]<>\"':,/&;".getBytes(StandardCharsets.UTF_8)[random.nextInt(13)];
        return dup;
      default:
        return mutateTree(seed, random, kind == 3);
    }
  }

  /** Deletes a field or element, or gives it another type. */
  private static byte[] mutateTree(byte[] seed, Random random, boolean delete) {
    try {
      JsonNode root = TestBoms.JSON.readTree(seed);
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      JsonNode parent = containers.get(random.nextInt(containers.size()));
      JsonNode replacement = replacement(random);
      if (parent instanceof ObjectNode o && o.size() > 0) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.get(random.nextInt(names.size()));
        if (delete) {
          o.remove(name);
        } else {
          o.set(name, replacement);
        }
      } else if (parent instanceof ArrayNode a && a.size() > 0) {
        int i = random.nextInt(a.size());
        if (delete) {
          a.remove(i);
        } else {
          a.set(i, replacement);
        }
      }
      return TestBoms.JSON.writeValueAsBytes(root);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode replacement(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.numberNode(random.nextInt());
      case 2 -> NODES.arrayNode().add("x");
      case 3 -> NODES.objectNode().put("x", 1);
      case 4 -> NODES.booleanNode(random.nextBoolean());
      case 5 -> NODES.textNode("");
      default -> NODES.textNode("pkg:npm/%zz@" + random.nextInt(9));
    };
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }
}
