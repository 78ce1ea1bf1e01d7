package dev.countersign.benchmarks.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Checks one answer against what the request must get: HTTP 200, an AdmissionReview whose {@code
 * response.uid} echoes the request's, and the expected decision and reason code. A denial that
 * sheds load ({@code ADMISSION_OVERLOADED}) is told apart from a wrong decision.
 */
final class AnswerCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String OVERLOADED = "ADMISSION_OVERLOADED";

  private AnswerCheck() {}

  /** What was wrong with an answer. */
  record Failure(ErrorKind kind, String detail) {}

  /**
   * The answer's reason code ({@code reason} audit annotation) when it is correct, else the
   * failure.
   */
  static Result check(HttpsConnection.Response answer, String uid, Expectation expected) {
    if (answer.status() != 200) {
      return Result.failed(
          ErrorKind.HTTP_STATUS, "HTTP " + answer.status() + ": " + abbreviate(answer.text()));
    }
    JsonNode root;
    try {
      root = JSON.readTree(answer.body());
    } catch (IOException e) {
      return Result.failed(ErrorKind.MALFORMED, "not JSON: " + e.getMessage());
    }
    JsonNode response = root == null ? null : root.get("response");
    if (response == null
        || !response.isObject()
        || !"AdmissionReview".equals(root.path("kind").asText())
        || !response.path("allowed").isBoolean()) {
      return Result.failed(
          ErrorKind.MALFORMED, "not an AdmissionReview answer: " + abbreviate(answer.text()));
    }
    String echoed = response.path("uid").asText("");
    if (!echoed.equals(uid)) {
      return Result.failed(ErrorKind.WRONG_UID, "uid '" + echoed + "' answers '" + uid + "'");
    }
    boolean allowed = response.path("allowed").asBoolean();
    String reason = response.path("auditAnnotations").path("reason").asText("");
    if (allowed == expected.allowed() && reason.equals(expected.reason())) {
      return new Result(reason, Optional.empty());
    }
    if (!allowed && reason.equals(OVERLOADED)) {
      return new Result(
          reason,
          Optional.of(
              new Failure(
                  ErrorKind.SHED, response.path("status").path("message").asText(OVERLOADED))));
    }
    return new Result(
        reason,
        Optional.of(
            new Failure(
                ErrorKind.WRONG_DECISION,
                "expected "
                    + expected
                    + ", got "
                    + (allowed ? "allowed" : "denied")
                    + " with "
                    + reason
                    + ": "
                    + abbreviate(response.path("status").path("message").asText("")))));
  }

  /** The reason code an answer carried and, if it is wrong, why. */
  record Result(String reason, Optional<Failure> failure) {
    static Result failed(ErrorKind kind, String detail) {
      return new Result("", Optional.of(new Failure(kind, detail)));
    }
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() <= 300 ? one : one.substring(0, 297) + "...";
  }
}
