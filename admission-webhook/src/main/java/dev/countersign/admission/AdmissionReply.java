package dev.countersign.admission;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP answer to an admission call, independent of any web framework: status 200 with an {@code
 * AdmissionReview} for every readable request (allowed or not), 400 with a one-line message for a
 * body that is not an {@code AdmissionReview}.
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param body the body
 * @param decision the decision, absent for a 400
 */
public record AdmissionReply(
    int status, String contentType, byte[] body, Optional<AdmissionDecision> decision) {

  public static final String JSON = "application/json";

  public AdmissionReply {
    Objects.requireNonNull(contentType, "contentType");
    body = body.clone();
    Objects.requireNonNull(decision, "decision");
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A 400 with a message. */
  public static AdmissionReply badRequest(String message) {
    String json = "{\"error\":\"ADMISSION_REQUEST_MALFORMED\",\"message\":" + quote(message) + "}";
    return new AdmissionReply(400, JSON, json.getBytes(StandardCharsets.UTF_8), Optional.empty());
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdmissionReply r
        && r.status == status
        && r.contentType.equals(contentType)
        && java.util.Arrays.equals(r.body, body)
        && r.decision.equals(decision);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, contentType, java.util.Arrays.hashCode(body), decision);
  }

  @Override
  public String toString() {
    return "AdmissionReply[" + status + ", " + bodyText() + "]";
  }
}
