package dev.countersign.verify.internal.policy;

import dev.countersign.verify.policy.LintFinding;
import dev.countersign.verify.policy.LintFinding.Severity;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Finds identity patterns that would accept signers the author did not mean: patterns that match
 * any identity, any organisation on a forge, any host, or are unanchored and so mean something else
 * to tools that match substrings.
 */
final class IdentityPatternLint {
  /** Identities an attacker can obtain from public OIDC providers. */
  private static final List<String> FOREIGN_IDENTITIES =
      List.of(
          "https://github.com/attacker/repository/.github/workflows/release.yml@refs/heads/main",
          "https://github.com/attacker/repository/.github/workflows/release.yml@refs/tags/v1.0.0",
          "https://gitlab.com/attacker/repository//.gitlab-ci.yml@refs/heads/main",
          "https://attacker.example/https://github.com/",
          "attacker@attacker.example",
          "https://token.actions.githubusercontent.com.attacker.example",
          "https://attacker.example");

  private static final Pattern FORGE =
      Pattern.compile("(?:github|gitlab)(?:\\\\\\.|\\.)com(?:\\\\/|/)");
  private static final String WILDCARDS = ".*+?[(\\|";

  private IdentityPatternLint() {}

  /**
   * Lints one identity field.
   *
   * @param field the policy field name ({@code subjectRegExp}, {@code issuerRegExp}, ...)
   * @param pattern the regular expression
   * @param location where it is
   */
  static void lint(String field, String pattern, String location, Consumer<LintFinding> out) {
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      return; // reported by the compiler as an invalid policy
    }
    String body = stripAnchors(pattern);
    if (!pattern.startsWith("^") || !pattern.endsWith("$") || pattern.endsWith("\\$")) {
      out.accept(
          new LintFinding(
              Severity.WARNING,
              "IDENTITY_UNANCHORED",
              location,
              "'"
                  + pattern
                  + "' is not anchored. Countersign matches the whole value, but cosign and"
                  + " policy-controller match substrings, where it would accept more; write ^...$"
                  + " so the pattern means the same everywhere"));
    }
    for (String foreign : FOREIGN_IDENTITIES) {
      if (compiled.matcher(foreign).matches()) {
        out.accept(
            new LintFinding(
                Severity.ERROR,
                "IDENTITY_OVERBROAD",
                location,
                "'"
                    + pattern
                    + "' accepts identities anyone can obtain, such as '"
                    + foreign
                    + "'; pin the organisation and repository"));
        return;
      }
    }
    boolean email = body.contains("@") && !body.contains("/");
    if (email) {
      String domain = body.substring(body.lastIndexOf('@') + 1);
      if (domain.isEmpty() || hasWildcard(domain.replace("\\.", ""))) {
        out.accept(
            new LintFinding(
                Severity.ERROR,
                "IDENTITY_OVERBROAD",
                location,
                "'" + pattern + "' does not pin the e-mail domain; spell the domain out"));
        return;
      }
    } else if (startsWithWildcard(body)) {
      out.accept(
          new LintFinding(
              Severity.ERROR,
              "IDENTITY_OVERBROAD",
              location,
              "'"
                  + pattern
                  + "' starts with a wildcard, so identities under any host or prefix match;"
                  + " start with the literal scheme and host"));
      return;
    }
    Matcher forge = FORGE.matcher(body);
    if (forge.find()) {
      String rest = body.substring(forge.end());
      String[] segments = rest.split("\\\\?/", 3);
      String owner = segments.length > 0 ? segments[0] : "";
      if (owner.isEmpty() || hasWildcard(owner) || segments.length < 2) {
        out.accept(
            new LintFinding(
                Severity.ERROR,
                "IDENTITY_OVERBROAD",
                location,
                "'"
                    + pattern
                    + "' does not pin the organisation: workflows of other organisations"
                    + (owner.isEmpty()
                        ? ""
                        : " (for example names starting with '" + literal(owner) + "')")
                    + " match; spell the organisation out and follow it with '/'"));
      } else if (hasWildcard(segments[1])) {
        out.accept(
            new LintFinding(
                Severity.WARNING,
                "IDENTITY_OVERBROAD",
                location,
                "'"
                    + pattern
                    + "' accepts every repository of '"
                    + owner
                    + "' (including forks and new repositories); pin the repository unless that"
                    + " is intended"));
      }
    }
    String host = hostPart(body);
    if (hasUnescapedDot(host)) {
      out.accept(
          new LintFinding(
              Severity.WARNING,
              "IDENTITY_UNESCAPED_DOT",
              location,
              "'.' in '"
                  + host
                  + "' matches any character (so 'github.com' also matches 'githubXcom');"
                  + " escape it as '\\.'"));
    }
    if (field.startsWith("issuer") && hasWildcard(body.replace("\\.", "").replace("\\/", ""))) {
      out.accept(
          new LintFinding(
              Severity.WARNING,
              "ISSUER_PATTERN",
              location,
              "the issuer is a pattern; an OIDC issuer is one URL, give it as 'issuer'"));
    }
  }

  private static String stripAnchors(String p) {
    String s = p.startsWith("^") ? p.substring(1) : p;
    return s.endsWith("$") && !s.endsWith("\\$") ? s.substring(0, s.length() - 1) : s;
  }

  private static boolean startsWithWildcard(String body) {
    return !body.isEmpty()
        && (body.charAt(0) == '.'
            || body.charAt(0) == '['
            || body.charAt(0) == '('
            || body.startsWith("\\S")
            || body.startsWith("\\w")
            || body.startsWith("\\W")
            || body.startsWith("\\D"));
  }

  private static boolean hasWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(i + 1);
        if ("wWsSdD".indexOf(n) >= 0) {
          return true;
        }
        i++;
        continue;
      }
      if (WILDCARDS.indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The literal prefix of a segment, for messages. */
  private static String literal(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && "wWsSdD".indexOf(s.charAt(i + 1)) < 0) {
        b.append(s.charAt(++i));
      } else if (WILDCARDS.indexOf(c) >= 0 || c == '\\') {
        break;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The host of a URL pattern ({@code https://host/...}), or of an e-mail pattern. */
  private static String hostPart(String body) {
    int scheme = body.indexOf("://");
    if (scheme >= 0) {
      String afterScheme = body.substring(scheme + 3);
      int slash = afterScheme.indexOf('/');
      return slash < 0 ? afterScheme : afterScheme.substring(0, slash);
    }
    int at = body.lastIndexOf('@');
    return at >= 0 ? body.substring(at + 1) : "";
  }

  private static boolean hasUnescapedDot(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '.' && !(i + 1 < s.length() && "*+?".indexOf(s.charAt(i + 1)) >= 0)) {
        return true;
      }
    }
    return false;
  }
}
