package dev.countersign.testkit.dsse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-toto attestation Statement (v0.1 or v1).
 *
 * @param type the {@code _type} URI, see {@link #V01} and {@link #V1}
 * @param subjects the artifacts the statement is about
 * @param predicateType the predicate's type URI
 * @param predicate the predicate object
 */
public record InTotoStatement(
    String type, List<InTotoSubject> subjects, String predicateType, JsonNode predicate) {
  /** The DSSE payload type of in-toto statements. */
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

  /** {@code _type} of Statement v0.1. */
  public static final String V01 = "https://in-toto.io/Statement/v0.1";

  /** {@code _type} of Statement v1. */
  public static final String V1 = "https://in-toto.io/Statement/v1";

  public InTotoStatement {
    subjects = List.copyOf(subjects);
    predicate = predicate.deepCopy();
  }

  /** A v1 statement with no subjects yet. */
  public static InTotoStatement v1(String predicateType, JsonNode predicate) {
    return new InTotoStatement(V1, List.of(), predicateType, predicate);
  }

  /** A v0.1 statement with no subjects yet. */
  public static InTotoStatement v01(String predicateType, JsonNode predicate) {
    return new InTotoStatement(V01, List.of(), predicateType, predicate);
  }

  /** A copy with one more subject. */
  public InTotoStatement withSubject(InTotoSubject subject) {
    List<InTotoSubject> more = new ArrayList<>(subjects);
    more.add(subject);
    return new InTotoStatement(type, more, predicateType, predicate);
  }

  /** A copy with a different predicate type. */
  public InTotoStatement withPredicateType(String newPredicateType) {
    return new InTotoStatement(type, subjects, newPredicateType, predicate);
  }

  /** A copy with a different predicate. */
  public InTotoStatement withPredicate(JsonNode newPredicate) {
    return new InTotoStatement(type, subjects, predicateType, newPredicate);
  }

  /** The statement as JSON in the conventional member order. */
  public ObjectNode toJson() {
    ObjectNode statement = Json.object();
    statement.put("_type", type);
    ArrayNode subjectArray = statement.putArray("subject");
    for (InTotoSubject subject : subjects) {
      ObjectNode s = subjectArray.addObject();
      s.put("name", subject.name());
      ObjectNode digest = s.putObject("digest");
      subject.digest().forEach(digest::put);
    }
    statement.put("predicateType", predicateType);
    statement.set("predicate", predicate.deepCopy());
    return statement;
  }

  /** The compact UTF-8 JSON, as it goes into a DSSE payload. */
  public byte[] toBytes() {
    return Json.compact(toJson()).getBytes(StandardCharsets.UTF_8);
  }
}
