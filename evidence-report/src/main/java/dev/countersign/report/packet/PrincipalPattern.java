package dev.countersign.report.packet;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern for the AWS principals that are CI: a glob ({@code *} matches any run of characters,
 * {@code ?} one character, everything else literally), or {@code re:} followed by a regular
 * expression. Either must match the whole ARN.
 *
 * <pre>{@code
 * arn:aws:sts::123456789012:assumed-role/github-actions-ecr-push/*
 * re:arn:aws(-us-gov)?:sts::123456789012:assumed-role/ci-[a-z]+/.+
 * }</pre>
 */
public final class PrincipalPattern {
  private final String text;
  private final Pattern pattern;

  private PrincipalPattern(String text, Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  /**
   * @throws PacketException ({@link PacketException.Reason#CONFIGURATION_INVALID}) for an empty
   *     pattern or an invalid regular expression
   */
  public static PrincipalPattern compile(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new PacketException(
          PacketException.Reason.CONFIGURATION_INVALID, "a CI principal pattern is empty");
    }
    if (text.startsWith("re:")) {
      try {
        return new PrincipalPattern(text, Pattern.compile(text.substring(3)));
      } catch (PatternSyntaxException e) {
        throw new PacketException(
            PacketException.Reason.CONFIGURATION_INVALID,
            "CI principal pattern " + text + " is not a regular expression: " + e.getDescription());
      }
    }
    StringBuilder re = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new PrincipalPattern(text, Pattern.compile(re.toString()));
  }

  /** Whether the principal ARN matches, whole. */
  public boolean matches(String principalArn) {
    return pattern.matcher(principalArn).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
