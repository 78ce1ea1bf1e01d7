package dev.countersign.verify.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StringMatcherTest {
  @Test
  void regularExpressionsMatchTheWholeValue() {
    StringMatcher m = StringMatcher.regex("https://github\\.com/acme/app/.*");
    assertThat(m.matches("https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main"))
        .isTrue();
    assertThat(m.matches("https://evil.test/?https://github.com/acme/app/x")).isFalse();
    assertThat(StringMatcher.regex("acme").matches("evil-acme-fork")).isFalse();
  }

  @Test
  void exactMatchesAreExactAndNullNeverMatches() {
    StringMatcher m = StringMatcher.exact("https://token.actions.githubusercontent.com");
    assertThat(m.matches("https://token.actions.githubusercontent.com")).isTrue();
    assertThat(m.matches("https://token.actions.githubusercontent.com/")).isFalse();
    assertThat(m.matches(null)).isFalse();
  }

  @Test
  void badExpressionsAreConfigurationErrors() {
    assertThatThrownBy(() -> StringMatcher.regex("([")).isInstanceOf(PolicyException.class);
    assertThatThrownBy(() -> StringMatcher.exact("")).isInstanceOf(PolicyException.class);
  }
}
