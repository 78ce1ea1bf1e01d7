package dev.countersign.testkit.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP response from a registry, fully read.
 *
 * @param status the status code
 * @param headers the headers, names compared case-insensitively
 * @param body the body (empty for HEAD)
 */
public record RegistryResponse(int status, Map<String, List<String>> headers, Bytes body) {

  public RegistryResponse {
    TreeMap<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> caseless.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(caseless);
  }

  /** The first value of header {@code name}. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body as UTF-8 text. */
  public String text() {
    return body.utf8String();
  }

  /** The body parsed as JSON. */
  public JsonNode json() {
    return Json.parse(body.toByteArray());
  }

  /** True for 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
