package dev.countersign.verify.internal.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads in-toto statements strictly. */
public final class StatementParser {
  private static final Set<String> TYPES =
      Set.of(InTotoStatement.TYPE_V01, InTotoStatement.TYPE_V1);

  /** Digest algorithms whose values must be hex, with their lengths in hex characters. */
  private static final Map<String, Integer> HEX_LENGTHS =
      Map.of("sha256", 64, "sha384", 96, "sha512", 128, "sha1", 40, "gitcommit", 40);

  private StatementParser() {}

  public static InTotoStatement parse(byte[] json) throws EvidenceFormatException {
    try {
      JsonNode root = Json.parseObject(json, "in-toto statement");
      String type = Json.string(root, "_type", "");
      if (!TYPES.contains(type)) {
        throw new JsonFormatException("_type", "unknown statement type '" + type + "'");
      }
      JsonNode subjects = Json.optionalArray(root, "subject", "");
      if (subjects == null || subjects.isEmpty()) {
        throw new JsonFormatException("subject", "statement has no subjects");
      }
      List<InTotoStatement.Subject> out = new ArrayList<>();
      for (int i = 0; i < subjects.size(); i++) {
        out.add(subject(subjects.get(i), Json.index("subject", i)));
      }
      String predicateType = Json.string(root, "predicateType", "");
      if (predicateType.isBlank()) {
        throw new JsonFormatException("predicateType", "predicate type is empty");
      }
      JsonNode predicate = root.get("predicate");
      return new InTotoStatement(
          type, out, predicateType, predicate == null ? NullNode.getInstance() : predicate);
    } catch (JsonFormatException e) {
      throw new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, e.path(), e.getMessage(), e);
    }
  }

  private static InTotoStatement.Subject subject(JsonNode node, String path)
      throws JsonFormatException {
    if (!node.isObject()) {
      throw new JsonFormatException(path, "subject must be an object");
    }
    String name = Json.optionalString(node, "name", path);
    JsonNode digest = Json.object(node, "digest", path);
    Map<String, String> digests = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = digest.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String dpath = Json.join(Json.join(path, "digest"), e.getKey());
      if (!e.getValue().isTextual()) {
        throw new JsonFormatException(dpath, "digest value must be a string");
      }
      String alg = e.getKey().toLowerCase(Locale.ROOT);
      String value = e.getValue().textValue();
      Integer hexLen = HEX_LENGTHS.get(alg);
      if (hexLen != null) {
        if (value.length() != hexLen || !value.matches("[0-9a-fA-F]+")) {
          throw new JsonFormatException(
              dpath, alg + " digest is not " + hexLen + " hex characters");
        }
        value = value.toLowerCase(Locale.ROOT);
      }
      digests.put(alg, value);
    }
    if (digests.isEmpty()) {
      throw new JsonFormatException(Json.join(path, "digest"), "subject has no digest");
    }
    return new InTotoStatement.Subject(name, digests);
  }
}
