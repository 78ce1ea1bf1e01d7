package dev.countersign.verify.internal.slsa;

import dev.countersign.verify.policy.StringMatcher;
import java.util.regex.Pattern;

/** Glob patterns for repository names, compiled to full-match regular expressions. */
public final class Globs {
  private Globs() {}

  /**
   * {@code *} matches within one path segment, {@code **} across segments, {@code ?} one character
   * other than {@code /}; everything else is literal. {@code github.com/acme/*} matches {@code
   * github.com/acme/app} but not {@code github.com/acme/app/sub} or {@code github.com/acme-evil/x}.
   */
  public static StringMatcher matcher(String glob) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' || c == '?') {
        flush(re, literal);
        if (c == '?') {
          re.append("[^/]");
        } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          re.append(".*");
          i++;
        } else {
          re.append("[^/]*");
        }
      } else {
        literal.append(c);
      }
    }
    flush(re, literal);
    return StringMatcher.regex(re.toString());
  }

  private static void flush(StringBuilder re, StringBuilder literal) {
    if (literal.length() > 0) {
      re.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }
}
