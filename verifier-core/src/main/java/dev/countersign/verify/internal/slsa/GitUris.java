package dev.countersign.verify.internal.slsa;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalises git repository URIs so that the spellings of one repository compare equal: {@code
 * git+https://github.com/acme/app.git@refs/heads/main}, {@code https://github.com/acme/app/} and
 * {@code github.com/acme/app} all name {@code github.com/acme/app}.
 */
public final class GitUris {
  private GitUris() {}

  /** A URI split at the {@code @} that starts its git ref. */
  public record UriAndRef(String uri, String ref) {}

  /**
   * Splits {@code uri@ref}. The {@code @} is looked for after the authority, so user information
   * ({@code git@host}) is not mistaken for a ref; the ref is empty when there is none.
   */
  public static UriAndRef split(String s) {
    int start = s.indexOf("://");
    start = start < 0 ? 0 : start + 3;
    int slash = s.indexOf('/', start);
    if (slash < 0) {
      return new UriAndRef(s, "");
    }
    int at = s.indexOf('@', slash);
    return at < 0 ? new UriAndRef(s, "") : new UriAndRef(s.substring(0, at), s.substring(at + 1));
  }

  /**
   * The repository a URI names, as {@code host/path}: without {@code git+}, the {@code https}
   * scheme, a trailing slash or a {@code .git} suffix, host lower-cased. Empty for anything that is
   * not plainly an HTTPS repository location: other schemes, user information, ports are kept out
   * of equality by refusing them, as are queries, fragments, empty and dot segments.
   */
  public static Optional<String> repository(String uri) {
    if (uri == null) {
      return Optional.empty();
    }
    String s = uri.trim();
    if (s.startsWith("git+")) {
      s = s.substring(4);
    }
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      if (!s.substring(0, scheme).equalsIgnoreCase("https")) {
        return Optional.empty();
      }
      s = s.substring(scheme + 3);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.endsWith(".git")) {
      s = s.substring(0, s.length() - 4);
    }
    if (s.isEmpty() || s.chars().anyMatch(c -> c == '?' || c == '#' || c == '@' || c <= ' ')) {
      return Optional.empty();
    }
    String[] parts = s.split("/", -1);
    if (parts.length < 2 || parts[0].contains(":") || !parts[0].contains(".")) {
      return Optional.empty();
    }
    for (String p : parts) {
      if (p.isEmpty() || p.equals(".") || p.equals("..")) {
        return Optional.empty();
      }
    }
    parts[0] = parts[0].toLowerCase(Locale.ROOT);
    return Optional.of(String.join("/", parts));
  }

  /** The normalised {@code git+https://host/path} form of a repository. */
  public static String gitUri(String repository) {
    return "git+https://" + repository;
  }

  /**
   * The spellings of a normalised repository a regular expression may be written against: {@code
   * host/path}, {@code https://host/path} and {@code git+https://host/path}.
   */
  public static List<String> spellings(String repository) {
    return List.of(repository, "https://" + repository, gitUri(repository));
  }
}
