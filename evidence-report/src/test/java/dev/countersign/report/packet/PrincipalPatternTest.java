package dev.countersign.report.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** CI principal patterns match whole ARNs, as globs or regular expressions. */
class PrincipalPatternTest {
  static final String CI =
      "arn:aws-us-gov:sts::123456789012:assumed-role/github-actions-ecr-push/GitHubActions-1000";

  @Test
  void globsMatchTheWholeArnAndTreatEverythingElseLiterally() {
    PrincipalPattern p =
        PrincipalPattern.compile(
            "arn:aws-us-gov:sts::123456789012:assumed-role/github-actions-ecr-push/*");
    assertThat(p.matches(CI)).isTrue();
    assertThat(p.matches("arn:aws-us-gov:iam::123456789012:user/jdoe")).isFalse();
    // a role whose name only starts the same is another role
    assertThat(
            p.matches("arn:aws-us-gov:sts::123456789012:assumed-role/github-actions-ecr-push-x/s"))
        .isFalse();
    // dots and the like are literal, ? is one character
    assertThat(
            PrincipalPattern.compile("arn:aws:iam::12345678901?:user/a.b")
                .matches("arn:aws:iam::123456789012:user/aXb"))
        .isFalse();
    assertThat(
            PrincipalPattern.compile("arn:aws:iam::12345678901?:user/a.b")
                .matches("arn:aws:iam::123456789012:user/a.b"))
        .isTrue();
  }

  @Test
  void regularExpressionsAreAnchored() {
    PrincipalPattern p =
        PrincipalPattern.compile("re:arn:aws(-us-gov)?:sts::[0-9]{12}:assumed-role/ci-[a-z]+/.+");
    assertThat(p.matches("arn:aws:sts::123456789012:assumed-role/ci-build/run-1")).isTrue();
    assertThat(p.matches("prefix arn:aws:sts::123456789012:assumed-role/ci-build/run-1")).isFalse();
  }

  @Test
  void badPatternsAreConfigurationErrors() {
    for (String bad : new String[] {"", "  ", "re:arn:(unclosed"}) {
      PacketException e =
          catchThrowableOfType(PacketException.class, () -> PrincipalPattern.compile(bad));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.reason()).isEqualTo(PacketException.Reason.CONFIGURATION_INVALID);
    }
  }
}
