package dev.countersign.verify.internal.registry;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code rel="next"} target of RFC 8288 Link headers, as paginated registry listings use. */
final class LinkHeader {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;[^,<]*)*)");
  private static final Pattern REL_NEXT =
      Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?", Pattern.CASE_INSENSITIVE);

  private LinkHeader() {}

  /** The next page's URI resolved against {@code base}, or empty if there is none. */
  static Optional<URI> next(List<String> headerValues, URI base) {
    for (String value : headerValues) {
      Matcher m = LINK.matcher(value);
      while (m.find()) {
        Matcher rel = REL_NEXT.matcher(m.group(2));
        while (rel.find()) {
          for (String r : rel.group(1).trim().split("\\s+")) {
            if (r.toLowerCase(Locale.ROOT).equals("next")) {
              try {
                return Optional.of(base.resolve(m.group(1).trim()));
              } catch (IllegalArgumentException e) {
                return Optional.empty();
              }
            }
          }
        }
      }
    }
    return Optional.empty();
  }
}
