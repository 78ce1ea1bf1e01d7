package dev.countersign.testkit.oci.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.dsse.InTotoStatement;
import dev.countersign.testkit.dsse.InTotoSubject;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.OciJson;
import java.util.Map;
import java.util.TreeMap;

/** in-toto statements about an image, and their bytes as cosign serializes them. */
public final class CosignStatements {
  private CosignStatements() {}

  /**
   * A v0.1 statement (what {@code cosign attest} writes) whose one subject is the image: named by
   * its repository, identified by its manifest digest.
   */
  public static InTotoStatement forImage(
      String repository, Digest imageDigest, String predicateType, JsonNode predicate) {
    return InTotoStatement.v01(predicateType, predicate)
        .withSubject(
            new InTotoSubject(repository, Map.of(imageDigest.algorithm(), imageDigest.hex())));
  }

  /** As {@link #forImage}, as a Statement v1 (what GitHub's attestation actions write). */
  public static InTotoStatement forImageV1(
      String repository, Digest imageDigest, String predicateType, JsonNode predicate) {
    return InTotoStatement.v1(predicateType, predicate)
        .withSubject(
            new InTotoSubject(repository, Map.of(imageDigest.algorithm(), imageDigest.hex())));
  }

  /**
   * The statement as in-toto-golang marshals it for cosign: {@code _type, predicateType, subject,
   * predicate}, subject digests sorted (a Go map), compact.
   */
  public static Bytes toBytes(InTotoStatement statement) {
    ObjectNode node = Json.object();
    node.put("_type", statement.type());
    node.put("predicateType", statement.predicateType());
    ArrayNode subjects = node.putArray("subject");
    for (InTotoSubject subject : statement.subjects()) {
      ObjectNode s = subjects.addObject();
      s.put("name", subject.name());
      ObjectNode digest = s.putObject("digest");
      new TreeMap<>(subject.digest()).forEach(digest::put);
    }
    node.set("predicate", statement.predicate());
    return OciJson.write(node, JsonStyle.GO);
  }
}
