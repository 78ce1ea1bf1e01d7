package dev.countersign.verify.policy;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Matches a string exactly or by a regular expression. Regular expressions always match the whole
 * value (as if anchored with ^ and $): a partial match would let {@code acme/app} match {@code
 * evil/acme/app-fork}.
 */
public final class StringMatcher {
  private final String exact;
  private final Pattern regex;

  private StringMatcher(String exact, Pattern regex) {
    this.exact = exact;
    this.regex = regex;
  }

  public static StringMatcher exact(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new PolicyException("", "an exact match needs a non-empty value");
    }
    return new StringMatcher(value, null);
  }

  /** A full-match regular expression; throws PolicyException if it does not compile. */
  public static StringMatcher regex(String expression) {
    Objects.requireNonNull(expression, "expression");
    try {
      return new StringMatcher(null, Pattern.compile(expression));
    } catch (PatternSyntaxException e) {
      throw new PolicyException(
          "", "invalid regular expression '" + expression + "': " + e.getDescription(), e);
    }
  }

  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    return exact != null ? exact.equals(value) : regex.matcher(value).matches();
  }

  public boolean isRegex() {
    return regex != null;
  }

  /** The exact value or the expression. */
  public String pattern() {
    return exact != null ? exact : regex.pattern();
  }

  @Override
  public String toString() {
    return exact != null ? "'" + exact + "'" : "regex '" + regex.pattern() + "'";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StringMatcher
        && ((StringMatcher) o).isRegex() == isRegex()
        && ((StringMatcher) o).pattern().equals(pattern());
  }

  @Override
  public int hashCode() {
    return pattern().hashCode() * 2 + (isRegex() ? 1 : 0);
  }
}
