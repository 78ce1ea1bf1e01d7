package dev.countersign.admission.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 4: editing, removing or reordering any line of a decision log is found, with the right
 * kind, at the right line, once. Each test changes every line of a real signed log in turn.
 */
class TamperDetectionTest {
  static final int RECORDS = 8;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static KeyPair key;
  static KeyPair attacker;
  static List<byte[]> original;
  static int counter;

  @BeforeAll
  static void writeLog() throws IOException {
    key = DecisionLogKeys.generateEd25519();
    attacker = DecisionLogKeys.generateEd25519();
    Path file = dir.resolve("original.jsonl");
    try (DecisionLog log =
        DecisionLog.builder(key.getPrivate()).clock(SampleDecisions.clock()).open(file)) {
      for (int i = 0; i < RECORDS; i++) {
        log.append(SampleDecisions.record(i));
      }
    }
    original = LogFiles.lines(file);
    assertThat(original).hasSize(RECORDS + 2);
    assertThat(DecisionLog.verify(file).valid()).isTrue();
  }

  static List<byte[]> copy() {
    List<byte[]> l = new ArrayList<>();
    original.forEach(b -> l.add(b.clone()));
    return l;
  }

  static LogVerification verify(List<byte[]> lines) throws IOException {
    return verify(lines, VerifyOptions.defaults());
  }

  static LogVerification verify(List<byte[]> lines, VerifyOptions options) throws IOException {
    Path f = LogFiles.write(dir.resolve("tampered-" + (counter++) + ".jsonl"), lines);
    return DecisionLog.verify(List.of(f), options);
  }

  static Path writeRaw(byte[] content) throws IOException {
    Path f = dir.resolve("raw-" + (counter++) + ".jsonl");
    Files.write(f, content);
    return f;
  }

  static void assertOneProblem(LogVerification r, long line, ProblemKind kind, String what) {
    assertThat(r.valid()).as(what).isFalse();
    assertThat(r.problems())
        .as(what + ": " + r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).as(what + ": " + p).isEqualTo(line);
              assertThat(p.kind()).as(what + ": " + p).isEqualTo(kind);
            });
  }

  @Test
  void theUntouchedLogIsValid() throws IOException {
    LogVerification r = verify(copy(), VerifyOptions.defaults().withExpectedKey(key.getPublic()));
    assertThat(r.valid()).isTrue();
    assertThat(r.problems()).isEmpty();
    assertThat(r.records()).isEqualTo(RECORDS);
    LogFileSummary f = r.files().get(0);
    assertThat(f.lines()).isEqualTo(RECORDS + 2);
    assertThat(f.firstSeq()).isZero();
    assertThat(f.lastSeq()).isEqualTo(RECORDS + 1);
    assertThat(f.end()).isEqualTo(LogFileSummary.End.CLOSED);
    assertThat(f.keyId()).isEqualTo(DecisionLogKeys.keyId(key.getPublic()));
  }

  @Test
  void everyFieldOfEveryLineEditedIsFoundAtThatLine() throws IOException {
    int edits = 0;
    for (int i = 0; i < original.size(); i++) {
      JsonNode tree = JSON.readTree(original.get(i));
      // Jackson writes the same bytes the log does, so only the edited value differs.
      assertThat(JSON.writeValueAsBytes(tree)).isEqualTo(original.get(i));
      for (String path : leaves(tree, "")) {
        JsonNode edited = tree.deepCopy();
        edit(edited, path);
        List<byte[]> lines = copy();
        lines.set(i, JSON.writeValueAsBytes(edited));
        assertOneProblem(verify(lines), i + 1, expectedKind(path), "line " + (i + 1) + " " + path);
        edits++;
      }
    }
    assertThat(edits).isGreaterThan(RECORDS * 30);
  }

  /** What an edit of a field is reported as. */
  static ProblemKind expectedKind(String path) {
    switch (path) {
      case "sig.keyId":
        return ProblemKind.WRONG_KEY;
      case "sig.alg":
        return ProblemKind.BAD_SIGNATURE;
      case "close.reason":
      case "close.nextFile":
        // "nextFile is set if and only if the log rotated": one of them alone breaks the shape.
        return ProblemKind.MALFORMED;
      default:
        return ProblemKind.EDITED;
    }
  }

  @Test
  void removingAnyLineIsFound() throws IOException {
    for (int i = 0; i < original.size(); i++) {
      List<byte[]> lines = copy();
      lines.remove(i);
      if (i == original.size() - 1) {
        // The closing line is gone: the log now ends early.
        assertOneProblem(verify(lines), i, ProblemKind.TRUNCATED, "without line " + (i + 1));
      } else {
        assertOneProblem(verify(lines), i + 1, ProblemKind.REMOVED, "without line " + (i + 1));
      }
    }
  }

  @Test
  void removingTheGenesisLineIsFoundAlsoWithAPinnedKey() throws IOException {
    List<byte[]> lines = copy();
    lines.remove(0);
    LogVerification pinned =
        verify(lines, VerifyOptions.defaults().withExpectedKey(key.getPublic()));
    assertOneProblem(pinned, 1, ProblemKind.REMOVED, "pinned, without genesis");
    // With the pinned key every remaining signature is still checked: an edit is still found.
    String edited = LogFiles.text(lines.get(3)).replace("app-", "app_");
    assertThat(edited).isNotEqualTo(LogFiles.text(lines.get(3)));
    lines.set(3, LogFiles.bytes(edited));
    LogVerification r = verify(lines, VerifyOptions.defaults().withExpectedKey(key.getPublic()));
    assertThat(r.problems())
        .extracting(LogProblem::line, LogProblem::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, ProblemKind.REMOVED),
            org.assertj.core.groups.Tuple.tuple(4L, ProblemKind.EDITED));
  }

  @Test
  void removingSeveralLinesIsOneProblemThatCountsThem() throws IOException {
    List<byte[]> lines = copy();
    lines.subList(3, 6).clear();
    LogVerification r = verify(lines);
    assertOneProblem(r, 4, ProblemKind.REMOVED, "without lines 4-6");
    assertThat(r.problems().get(0).message()).contains("3 line(s) missing").contains("seq 3 to 5");
  }

  @Test
  void swappingAnyTwoAdjacentLinesIsFoundAtTheFirst() throws IOException {
    for (int i = 0; i + 1 < original.size(); i++) {
      List<byte[]> lines = copy();
      Collections.swap(lines, i, i + 1);
      assertOneProblem(
          verify(lines), i + 1, ProblemKind.REORDERED, "lines " + (i + 1) + "/" + (i + 2));
    }
  }

  @Test
  void aLineMovedFarIsAGapWhereItWasAndOutOfOrderWhereItIs() throws IOException {
    List<byte[]> lines = copy();
    byte[] moved = lines.remove(2);
    lines.add(7, moved);
    LogVerification r = verify(lines);
    assertThat(r.problems())
        .extracting(LogProblem::line, LogProblem::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, ProblemKind.REMOVED),
            org.assertj.core.groups.Tuple.tuple(8L, ProblemKind.REORDERED));
  }

  @Test
  void aCopiedLineIsFound() throws IOException {
    for (int i = 0; i < original.size(); i++) {
      List<byte[]> lines = copy();
      lines.add(i + 1, original.get(i).clone());
      assertOneProblem(verify(lines), i + 2, ProblemKind.REORDERED, "line " + (i + 1) + " twice");
    }
  }

  @Test
  void cuttingTheFileAnywhereIsFound() throws IOException {
    byte[] whole = Files.readAllBytes(LogFiles.write(dir.resolve("whole.jsonl"), original));
    int offset = 0;
    for (int i = 0; i < original.size(); i++) {
      int len = original.get(i).length;
      // In the middle of line i+1: that line is incomplete.
      Path mid = writeRaw(Arrays.copyOf(whole, offset + len / 2));
      assertOneProblem(
          DecisionLog.verify(mid), i + 1, ProblemKind.TRUNCATED, "cut inside line " + (i + 1));
      // Just before its newline: complete, but the file was cut.
      Path noNewline = writeRaw(Arrays.copyOf(whole, offset + len));
      assertOneProblem(
          DecisionLog.verify(noNewline),
          i + 1,
          ProblemKind.TRUNCATED,
          "cut before the newline of line " + (i + 1));
      offset += len + 1;
      if (i + 1 < original.size()) {
        // After its newline: whole lines are missing at the end, so there is no closing line.
        Path afterLine = writeRaw(Arrays.copyOf(whole, offset));
        assertOneProblem(
            DecisionLog.verify(afterLine),
            i + 1,
            ProblemKind.TRUNCATED,
            "cut after line " + (i + 1));
      }
    }
  }

  @Test
  void anEmptyFileIsNotAValidLog() throws IOException {
    LogVerification r = DecisionLog.verify(writeRaw(new byte[0]));
    assertOneProblem(r, 1, ProblemKind.TRUNCATED, "empty file");
    assertThat(r.valid()).isFalse();
  }

  @Test
  void anyLineReSignedWithAnotherKeyIsFound() throws IOException {
    String attackerId = DecisionLogKeys.keyId(attacker.getPublic());
    String ownId = DecisionLogKeys.keyId(key.getPublic());
    for (int i = 1; i < original.size(); i++) {
      byte[] signed = LogFiles.signedPart(original.get(i));
      // Changed, and signed by another key that says so.
      byte[] changed = LogFiles.bytes(LogFiles.text(signed).replace("\"seq\":", "\"seq\": "));
      List<byte[]> lines = copy();
      lines.set(i, LogFiles.signEd25519(changed, attacker, attackerId));
      assertOneProblem(verify(lines), i + 1, ProblemKind.WRONG_KEY, "re-signed line " + (i + 1));
      // Unchanged, signed by another key that claims to be the log's.
      lines = copy();
      lines.set(i, LogFiles.signEd25519(signed, attacker, ownId));
      assertOneProblem(verify(lines), i + 1, ProblemKind.EDITED, "forged line " + (i + 1));
    }
  }

  @Test
  void aForgedGenesisIsFoundWithAndWithoutAPinnedKey() throws IOException {
    String attackerId = DecisionLogKeys.keyId(attacker.getPublic());
    String genesis = LogFiles.text(LogFiles.signedPart(original.get(0)));
    JsonNode g = JSON.readTree(genesis);
    ((ObjectNode) g.get("genesis")).put("keyId", attackerId);
    ((ObjectNode) g.get("genesis"))
        .put(
            "publicKey",
            java.util.Base64.getEncoder().encodeToString(attacker.getPublic().getEncoded()));
    List<byte[]> lines = copy();
    lines.set(0, LogFiles.signEd25519(JSON.writeValueAsBytes(g), attacker, attackerId));

    LogVerification alone = verify(lines);
    assertOneProblem(alone, 1, ProblemKind.WRONG_KEY, "forged genesis");
    assertThat(alone.problems().get(0).message()).contains("the genesis line was replaced");

    LogVerification pinned =
        verify(lines, VerifyOptions.defaults().withExpectedKey(key.getPublic()));
    assertOneProblem(pinned, 1, ProblemKind.WRONG_KEY, "forged genesis, pinned key");
    // The pinned key still checks the rest: an edit after the forged genesis is found too.
    String edited = LogFiles.text(lines.get(5)).replace("app-", "app_");
    assertThat(edited).isNotEqualTo(LogFiles.text(lines.get(5)));
    lines.set(5, LogFiles.bytes(edited));
    LogVerification both = verify(lines, VerifyOptions.defaults().withExpectedKey(key.getPublic()));
    assertThat(both.problems())
        .extracting(LogProblem::line, LogProblem::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, ProblemKind.WRONG_KEY),
            org.assertj.core.groups.Tuple.tuple(6L, ProblemKind.EDITED));
  }

  @Test
  void aWholeLogSignedByAnotherKeyIsValidAloneButNotAgainstThePinnedKey() throws IOException {
    Path other = dir.resolve("other-key.jsonl");
    try (DecisionLog log =
        DecisionLog.builder(attacker.getPrivate()).clock(SampleDecisions.clock()).open(other)) {
      log.append(SampleDecisions.record(1));
    }
    assertThat(DecisionLog.verify(other).valid()).isTrue();
    LogVerification pinned =
        DecisionLog.verify(
            List.of(other), VerifyOptions.defaults().withExpectedKey(key.getPublic()));
    assertOneProblem(pinned, 1, ProblemKind.WRONG_KEY, "whole log by another key");
  }

  @Test
  void appendedGarbageIsFound() throws IOException {
    List<byte[]> lines = copy();
    lines.add(LogFiles.bytes("this is not a decision"));
    assertOneProblem(verify(lines), original.size() + 1, ProblemKind.MALFORMED, "garbage line");

    lines = copy();
    lines.add(LogFiles.bytes("{\"seq\":10,\"time\":\"2025-11-20T10:00:00Z\"}"));
    assertOneProblem(verify(lines), original.size() + 1, ProblemKind.MALFORMED, "unsigned line");

    byte[] whole = Files.readAllBytes(LogFiles.write(dir.resolve("g.jsonl"), original));
    byte[] withTail = Arrays.copyOf(whole, whole.length + 5);
    System.arraycopy(LogFiles.bytes("{\"se"), 0, withTail, whole.length, 4);
    withTail[withTail.length - 1] = 'q';
    assertOneProblem(
        DecisionLog.verify(writeRaw(withTail)),
        original.size() + 1,
        ProblemKind.TRUNCATED,
        "unterminated garbage");
  }

  @Test
  void anAppendedLineSignedByAnotherKeyIsFound() throws IOException {
    String attackerId = DecisionLogKeys.keyId(attacker.getPublic());
    String last = LogFiles.text(original.get(original.size() - 1));
    String prev = sha256(original.get(original.size() - 1));
    String body =
        LogFiles.text(LogFiles.signedPart(original.get(1)))
            .replaceFirst("\"seq\":1,", "\"seq\":" + original.size() + ",")
            .replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + prev + "\"");
    List<byte[]> lines = copy();
    lines.add(LogFiles.signEd25519(LogFiles.bytes(body), attacker, attackerId));
    assertThat(last).contains("\"close\"");
    assertOneProblem(verify(lines), original.size() + 1, ProblemKind.WRONG_KEY, "appended line");
  }

  @Test
  void lineEndingsConvertedToCrlfAreFound() throws IOException {
    List<byte[]> lines = new ArrayList<>();
    for (byte[] l : original) {
      byte[] crlf = Arrays.copyOf(l, l.length + 1);
      crlf[l.length] = '\r';
      lines.add(crlf);
    }
    LogVerification r = verify(lines);
    assertThat(r.valid()).isFalse();
    assertThat(r.problems()).allSatisfy(p -> assertThat(p.kind()).isEqualTo(ProblemKind.MALFORMED));
    assertThat(r.problems().get(0).message()).contains("carriage return");
  }

  @Test
  void problemsBeyondTheLimitAreCountedNotKept() throws IOException {
    List<byte[]> lines = copy();
    for (int i = 1; i < lines.size(); i++) {
      lines.set(i, LogFiles.bytes(LogFiles.text(lines.get(i)).replace("\"seq\":", "\"seq\": ")));
    }
    LogVerification r = verify(lines, VerifyOptions.defaults().withMaxProblems(3));
    assertThat(r.problems()).hasSize(3);
    assertThat(r.problemCount()).isEqualTo(original.size() - 1);
    assertThat(r.valid()).isFalse();
  }

  static String sha256(byte[] b) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Paths of every value that is not an object or array, e.g. {@code record.images[0].digest}. */
  static List<String> leaves(JsonNode n, String at) {
    List<String> out = new ArrayList<>();
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        out.addAll(leaves(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey()));
      }
    } else if (n.isArray()) {
      for (int k = 0; k < n.size(); k++) {
        out.addAll(leaves(n.get(k), at + "[" + k + "]"));
      }
    } else {
      out.add(at);
    }
    return out;
  }

  /** Changes the value at {@code path} into another value of the same type and shape. */
  static void edit(JsonNode root, String path) {
    int dot = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    JsonNode parent = dot < 0 ? root : at(root, path.substring(0, dot));
    String last = dot < 0 ? path : path.substring(dot + (path.charAt(dot) == '.' ? 1 : 0));
    BiConsumer<String, JsonNode> set;
    JsonNode value;
    if (last.startsWith("[")) {
      int k = Integer.parseInt(last.substring(1, last.length() - 1));
      value = parent.get(k);
      set = (name, v) -> ((ArrayNode) parent).set(k, v);
    } else {
      value = parent.get(last);
      set = (name, v) -> ((ObjectNode) parent).set(name, v);
    }
    set.accept(last, changed(path, value));
  }

  static JsonNode at(JsonNode root, String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      int b = part.indexOf('[');
      String name = b < 0 ? part : part.substring(0, b);
      if (!name.isEmpty()) {
        n = n.get(name);
      }
      while (b >= 0) {
        int e = part.indexOf(']', b);
        n = n.get(Integer.parseInt(part.substring(b + 1, e)));
        b = part.indexOf('[', e);
      }
    }
    return n;
  }

  static JsonNode changed(String path, JsonNode v) {
    if (v.isBoolean()) {
      return BooleanNode.valueOf(!v.booleanValue());
    }
    if (v.isIntegralNumber()) {
      return LongNode.valueOf(v.longValue() + 1);
    }
    String s = v.textValue();
    if (path.equals("sig.value") || path.equals("genesis.publicKey")) {
      // Another valid base64 character in the middle: well-formed, different bytes.
      int k = s.length() - 10;
      char c = s.charAt(k) == 'A' ? 'B' : 'A';
      return TextNode.valueOf(s.substring(0, k) + c + s.substring(k + 1));
    }
    if (s.matches("[0-9a-f]{64}")) {
      return TextNode.valueOf((s.charAt(0) == 'a' ? 'b' : 'a') + s.substring(1));
    }
    try {
      return TextNode.valueOf(Instant.parse(s).plusSeconds(1).toString());
    } catch (DateTimeParseException e) {
      return TextNode.valueOf(s + "x");
    }
  }
}
