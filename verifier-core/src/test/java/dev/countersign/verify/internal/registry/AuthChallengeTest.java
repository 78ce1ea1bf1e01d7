package dev.countersign.verify.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void bearerParametersInAnyOrderWithQuotedCommas() {
    assertThat(
            AuthChallenge.parse(
                "Bearer scope=\"repository:a/b:pull,push\", service=\"registry.example\","
                    + "realm=\"https://auth.example/token\""))
        .containsExactly(
            new AuthChallenge(
                "bearer",
                Map.of(
                    "realm", "https://auth.example/token",
                    "service", "registry.example",
                    "scope", "repository:a/b:pull,push")));
  }

  @Test
  void caseInsensitiveNamesEscapesAndUnquotedValues() {
    assertThat(AuthChallenge.parse("BEARER Realm=https://auth.example/token,Service=\"a\\\"b\""))
        .containsExactly(
            new AuthChallenge(
                "bearer", Map.of("realm", "https://auth.example/token", "service", "a\"b")));
  }

  @Test
  void severalChallengesInOneHeader() {
    List<AuthChallenge> all =
        AuthChallenge.parse(
            "Negotiate, Basic realm=\"r\", Bearer realm=\"https://t\",service=\"s\"");
    assertThat(all)
        .extracting(AuthChallenge::scheme)
        .containsExactly("negotiate", "basic", "bearer");
    assertThat(AuthChallenge.select(List.of("Basic realm=\"r\"", "Bearer realm=\"https://t\"")))
        .get()
        .extracting(AuthChallenge::scheme)
        .isEqualTo("bearer");
  }

  @Test
  void basicAlone() {
    assertThat(AuthChallenge.select(List.of("Basic")))
        .get()
        .satisfies(c -> assertThat(c.isBasic()).isTrue());
  }

  @Test
  void bearerWithoutARealmIsNotUsable() {
    assertThat(AuthChallenge.select(List.of("Bearer service=\"x\""))).isEmpty();
    assertThat(AuthChallenge.select(List.of())).isEmpty();
  }

  @Test
  void junkNeverThrows() {
    for (String s :
        new String[] {
          "",
          "   ",
          ",,,",
          "=",
          "Bearer realm=\"unterminated",
          "Bearer abc==",
          "\"",
          "Bearer realm=",
          "Basic realm=\"x\" garbage=\"",
          "\u0000"
        }) {
      AuthChallenge.parse(s);
    }
    assertThat(AuthChallenge.parse("Bearer realm=\"unterminated"))
        .singleElement()
        .satisfies(c -> assertThat(c.params()).doesNotContainKey("realm"));
  }
}
