package dev.countersign.testkit.oci.registry;

import dev.countersign.testkit.encoding.Bytes;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a {@link FaultProxy} does with a request a rule matches. */
public sealed interface Fault {

  /** Forward untouched. */
  static Fault passThrough() {
    return new PassThrough();
  }

  /** Wait, then forward. */
  static Fault delay(Duration delay) {
    return new Delay(delay);
  }

  /** Drop the connection without answering. */
  static Fault closeConnection() {
    return new CloseConnection();
  }

  /** 401 with a Basic challenge for realm {@code countersign-fault-proxy}. */
  static Fault unauthorized() {
    return unauthorized("Basic realm=\"countersign-fault-proxy\"");
  }

  /** 401 with {@code challenge} as {@code WWW-Authenticate}. */
  static Fault unauthorized(String challenge) {
    return error(
        401, "UNAUTHORIZED", "authentication required", Map.of("WWW-Authenticate", challenge));
  }

  /** 403 {@code DENIED}. */
  static Fault forbidden() {
    return error(403, "DENIED", "requested access to the resource is denied", Map.of());
  }

  /** 404 {@code MANIFEST_UNKNOWN}. */
  static Fault notFound() {
    return error(404, "MANIFEST_UNKNOWN", "manifest unknown", Map.of());
  }

  /** 500 {@code UNKNOWN}. */
  static Fault serverError() {
    return error(500, "UNKNOWN", "unknown error", Map.of());
  }

  /** 429 {@code TOOMANYREQUESTS} with {@code Retry-After} in whole seconds. */
  static Fault tooManyRequests(Duration retryAfter) {
    return error(
        429,
        "TOOMANYREQUESTS",
        "too many requests",
        Map.of("Retry-After", Long.toString(retryAfter.toSeconds())));
  }

  /** Forward, then answer with the registry's status and headers but {@code body}. */
  static Fault replaceBody(Bytes body) {
    return new ReplaceBody(body);
  }

  /** Forward, then answer with a manifest body that is not valid JSON. */
  static Fault malformedManifest() {
    return replaceBody(
        Bytes.utf8(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"));
  }

  /**
   * Answer 200 declaring {@code declaredLength} bytes and stream filler until the client hangs up,
   * the length is reached, or the proxy closes.
   */
  static Fault oversizedBody(long declaredLength) {
    return new OversizedBody(declaredLength);
  }

  /** Forward, declare the full length, send the first {@code keepBytes} bytes, then hang up. */
  static Fault truncate(int keepBytes) {
    return new Truncate(keepBytes);
  }

  /** An OCI distribution error response. */
  static Fault error(int status, String code, String message, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json; charset=utf-8");
    String body =
        "{\"errors\":[{\"code\":\""
            + code
            + "\",\"message\":\""
            + message
            + "\",\"detail\":null}]}";
    return new Respond(status, all, Bytes.utf8(body));
  }

  /** Forward untouched. */
  record PassThrough() implements Fault {}

  /**
   * Forward after a pause.
   *
   * @param delay how long to wait first
   */
  record Delay(Duration delay) implements Fault {}

  /** Close the connection without a response. */
  record CloseConnection() implements Fault {}

  /**
   * Answer without asking the registry.
   *
   * @param status the status
   * @param headers response headers
   * @param body response body
   */
  record Respond(int status, Map<String, String> headers, Bytes body) implements Fault {
    public Respond {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
  }

  /**
   * Forward and replace the body.
   *
   * @param body the body sent instead
   */
  record ReplaceBody(Bytes body) implements Fault {}

  /**
   * Stream more than anyone should read.
   *
   * @param declaredLength the Content-Length announced
   */
  record OversizedBody(long declaredLength) implements Fault {}

  /**
   * Forward and cut the body short.
   *
   * @param keepBytes bytes sent before the connection drops
   */
  record Truncate(int keepBytes) implements Fault {}
}
