package dev.countersign.verify.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.sbom.SbomValidation;
import dev.countersign.verify.sbom.SbomValidation.Problem;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to the fields of hand-read JSON documents (SPDX, OpenVEX) that records a problem for
 * each field of the wrong shape instead of stopping at the first.
 */
final class Fields {
  private final ReasonCode reason;
  private final List<Problem> problems = new ArrayList<>();

  Fields(ReasonCode reason) {
    this.reason = reason;
  }

  List<Problem> problems() {
    return problems;
  }

  void problem(String path, String message) {
    if (problems.size() < SbomValidation.MAX_PROBLEMS) {
      problems.add(new Problem(reason, path, message));
    }
  }

  /** A string field; records a problem if it has another type, or is required and absent. */
  Optional<String> text(JsonNode obj, String name, String path, boolean required) {
    JsonNode n = obj == null ? null : obj.get(name);
    String at = join(path, name);
    if (n == null || n.isNull()) {
      if (required) {
        problem(at, "required field is missing");
      }
      return Optional.empty();
    }
    if (!n.isTextual()) {
      problem(at, "must be a string");
      return Optional.empty();
    }
    return Optional.of(n.textValue());
  }

  /** The elements of an array field (empty when absent); records a problem for a non-array. */
  List<JsonNode> array(JsonNode obj, String name, String path) {
    JsonNode n = obj == null ? null : obj.get(name);
    List<JsonNode> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      problem(join(path, name), "must be an array");
      return out;
    }
    n.forEach(out::add);
    return out;
  }

  /** An object (array element or field value); records a problem for anything else. */
  boolean isObject(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      problem(path, "must be an object");
      return false;
    }
    return true;
  }

  /** An RFC 3339 timestamp field. */
  Optional<Instant> timestamp(JsonNode obj, String name, String path, boolean required) {
    Optional<String> s = text(obj, name, path, required);
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(s.get()).toInstant());
    } catch (DateTimeParseException e) {
      problem(join(path, name), "not an RFC 3339 date-time: " + Texts.quote(s.get()));
      return Optional.empty();
    }
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }
}
