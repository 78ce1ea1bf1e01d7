package dev.countersign.verify.attest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.Digest;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.attest.StatementParser;
import java.util.List;
import java.util.Map;

/**
 * An in-toto Statement (v0.1 or v1): subjects identified by digest, and a typed predicate.
 *
 * @param type the statement type URI
 * @param subjects the artifacts the statement is about
 * @param predicateType the predicate type URI (e.g. {@code https://slsa.dev/provenance/v1})
 * @param predicate the predicate JSON (null node when absent)
 */
public record InTotoStatement(
    String type, List<Subject> subjects, String predicateType, JsonNode predicate) {
  public static final String TYPE_V01 = "https://in-toto.io/Statement/v0.1";
  public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";

  public InTotoStatement {
    subjects = List.copyOf(subjects);
  }

  /**
   * One subject.
   *
   * @param name the subject name (may be empty)
   * @param digests algorithm (lower case) to lower-case hex value
   */
  public record Subject(String name, Map<String, String> digests) {
    public Subject {
      name = name == null ? "" : name;
      digests = Map.copyOf(digests);
    }

    /** Whether this subject names the digest (same algorithm, same value). */
    public boolean matches(Digest digest) {
      String v = digests.get(digest.algorithm());
      return v != null && v.equals(digest.hex());
    }
  }

  /** Subjects whose digest equals {@code digest}. */
  public List<Subject> subjectsMatching(Digest digest) {
    return subjects.stream().filter(s -> s.matches(digest)).toList();
  }

  /** Parses statement JSON (the DSSE payload). */
  public static InTotoStatement parse(byte[] json) throws EvidenceFormatException {
    return StatementParser.parse(json);
  }
}
