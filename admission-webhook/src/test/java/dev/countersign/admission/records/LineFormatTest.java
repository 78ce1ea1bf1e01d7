package dev.countersign.admission.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The line format as RECORDS.md specifies it, checked with nothing but the JDK: an auditor's tool
 * written from the document alone accepts what the writer writes.
 */
class LineFormatTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void ed25519LinesFollowTheDocumentedFormat() throws Exception {
    check(DecisionLogKeys.generateEd25519(), "Ed25519", "Ed25519");
  }

  @Test
  void ecdsaLinesFollowTheDocumentedFormat() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    check(g.generateKeyPair(), "ECDSA-P256-SHA256", "SHA256withECDSA");
  }

  @Test
  void theDocumentSaysWhatTheGenesisPrevIs() throws Exception {
    String genesisPrev = sha256("countersign.decision-log/v1".getBytes(StandardCharsets.UTF_8));
    // Surefire runs in the module's directory, where the document lives.
    Path doc = Path.of("RECORDS.md");
    assertThat(Files.readString(doc)).contains(genesisPrev);
  }

  private void check(KeyPair key, String alg, String jdkAlgorithm) throws Exception {
    Path file = dir.resolve(alg + ".jsonl");
    try (DecisionLog log = DecisionLog.open(file, key.getPrivate())) {
      log.append(SampleDecisions.record(0));
      log.append(SampleDecisions.record(1));
      log.rotate(dir.resolve(alg + "-2.jsonl"));
      log.append(SampleDecisions.record(2));
    }
    List<byte[]> lines = new ArrayList<>(LogFiles.lines(file));
    lines.addAll(LogFiles.lines(dir.resolve(alg + "-2.jsonl")));

    JsonNode genesis = JSON.readTree(lines.get(0));
    byte[] spki = Base64.getDecoder().decode(genesis.get("genesis").get("publicKey").asText());
    PublicKey pub =
        KeyFactory.getInstance(alg.equals("Ed25519") ? "Ed25519" : "EC")
            .generatePublic(new X509EncodedKeySpec(spki));
    assertThat(genesis.get("genesis").get("format").asText())
        .isEqualTo("countersign.decision-log/v1");
    assertThat(genesis.get("genesis").get("alg").asText()).isEqualTo(alg);
    assertThat(genesis.get("genesis").get("keyId").asText()).isEqualTo(sha256(spki));
    assertThat(genesis.get("prev").asText())
        .isEqualTo(sha256("countersign.decision-log/v1".getBytes(StandardCharsets.UTF_8)));

    List<String> types = new ArrayList<>();
    String prev = genesis.get("prev").asText();
    for (int i = 0; i < lines.size(); i++) {
      byte[] line = lines.get(i);
      String text = new String(line, StandardCharsets.UTF_8);
      JsonNode n = JSON.readTree(line);
      List<String> fields = new ArrayList<>();
      n.fieldNames().forEachRemaining(fields::add);
      assertThat(fields).hasSize(5);
      assertThat(fields.subList(0, 3)).containsExactly("seq", "time", "prev");
      assertThat(fields.get(3)).isIn("genesis", "record", "close", "recovery");
      assertThat(fields.get(4)).isEqualTo("sig");
      types.add(fields.get(3));
      assertThat(n.get("seq").asLong()).isEqualTo(i);
      // The second file's genesis line names the first file's last line.
      assertThat(n.get("prev").asText()).isEqualTo(prev);
      // Compact: Jackson's own compact form of the same tree is byte for byte the line.
      assertThat(JSON.writeValueAsBytes(n)).isEqualTo(line);

      byte[] signed =
          (text.substring(0, text.lastIndexOf(",\"sig\":")) + "}").getBytes(StandardCharsets.UTF_8);
      Signature v = Signature.getInstance(jdkAlgorithm);
      v.initVerify(pub);
      v.update(signed);
      assertThat(v.verify(Base64.getDecoder().decode(n.get("sig").get("value").asText())))
          .as("signature of line " + (i + 1))
          .isTrue();
      assertThat(n.get("sig").get("alg").asText()).isEqualTo(alg);
      assertThat(n.get("sig").get("keyId").asText()).isEqualTo(sha256(spki));
      prev = sha256(line);
    }
    assertThat(types)
        .containsExactly("genesis", "record", "record", "close", "genesis", "record", "close");

    JsonNode record = JSON.readTree(lines.get(1)).get("record");
    List<String> recordFields = new ArrayList<>();
    record.fieldNames().forEachRemaining(recordFields::add);
    assertThat(recordFields)
        .containsExactly(
            "time",
            "uid",
            "namespace",
            "kind",
            "name",
            "operation",
            "user",
            "dryRun",
            "decision",
            "images",
            "messages",
            "policyRevision",
            "trustRootRevisions",
            "webhook");
    List<String> imageFields = new ArrayList<>();
    record.get("images").get(0).fieldNames().forEachRemaining(imageFields::add);
    assertThat(imageFields)
        .containsExactly(
            "fieldPath", "image", "digest", "decision", "reasons", "policies", "message");
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
