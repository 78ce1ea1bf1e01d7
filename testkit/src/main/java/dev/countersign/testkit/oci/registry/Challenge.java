package dev.countersign.testkit.oci.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code WWW-Authenticate} challenge, e.g. {@code Bearer
 * realm="http://127.0.0.1:1/token",service="registry",scope="repository:app:pull"}.
 *
 * @param scheme {@code basic} or {@code bearer}, lowercased
 * @param parameters the auth-params, names lowercased
 */
public record Challenge(String scheme, Map<String, String> parameters) {
  private static final Pattern PARAMETER = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

  /** Parses one challenge. */
  public static Challenge parse(String header) {
    String trimmed = header.trim();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> parameters = new LinkedHashMap<>();
    if (space >= 0) {
      Matcher m = PARAMETER.matcher(trimmed.substring(space + 1));
      while (m.find()) {
        parameters.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
      }
    }
    return new Challenge(scheme, Map.copyOf(parameters));
  }

  /** The named parameter, or null. */
  public String parameter(String name) {
    return parameters.get(name);
  }
}
