package dev.countersign.testkit.oci.registry;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * When a {@link FaultProxy} applies a fault: requests whose path fully matches {@code path} (and
 * whose method is {@code method}, if set), for the first {@code times} matches or for ever.
 *
 * @param method the HTTP method, or null for any
 * @param path a regular expression the request path must match entirely
 * @param fault what to do
 * @param times how many matching requests to affect, or -1 for all
 */
public record FaultRule(String method, Pattern path, Fault fault, int times) {

  public FaultRule {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(fault, "fault");
    if (times == 0 || times < -1) {
      throw new IllegalArgumentException("times must be positive or -1");
    }
  }

  /** Every request whose path matches {@code pathRegex}, for ever. */
  public static FaultRule on(String pathRegex, Fault fault) {
    return new FaultRule(null, Pattern.compile(pathRegex), fault, -1);
  }

  /** Only {@code httpMethod} requests. */
  public FaultRule forMethod(String httpMethod) {
    return new FaultRule(httpMethod, path, fault, times);
  }

  /** Only the first {@code count} matching requests; later ones pass through. */
  public FaultRule times(int count) {
    return new FaultRule(method, path, fault, count);
  }

  /** True when this rule covers a request. */
  public boolean matches(String requestMethod, String requestPath) {
    return (method == null || method.equalsIgnoreCase(requestMethod))
        && path.matcher(requestPath).matches();
  }
}
