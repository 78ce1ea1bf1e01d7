package dev.countersign.verify.slsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.verify.internal.slsa.BuilderId;
import dev.countersign.verify.internal.slsa.GitUris;
import dev.countersign.verify.internal.slsa.Globs;
import dev.countersign.verify.internal.slsa.Semver;
import org.junit.jupiter.api.Test;

/** Repository normalisation, builder ids and semantic-version tags, as slsa-verifier reads them. */
class RefAndUriRulesTest {

  @Test
  void repositorySpellingsNormaliseToOne() {
    for (String s :
        new String[] {
          "git+https://github.com/acme/app",
          "https://github.com/acme/app",
          "https://github.com/acme/app.git",
          "https://GITHUB.com/acme/app/",
          "github.com/acme/app",
          "git+https://github.com/acme/app.git"
        }) {
      assertThat(GitUris.repository(s)).as(s).contains("github.com/acme/app");
    }
  }

  @Test
  void suspiciousUrisDoNotNormalise() {
    for (String s :
        new String[] {
          "http://github.com/acme/app",
          "ssh://git@github.com/acme/app",
          "https://user@github.com/acme/app",
          "https://github.com:8443/acme/app",
          "https://github.com/acme/../evil/app",
          "https://github.com//acme/app",
          "https://github.com/acme/app?x=1",
          "https://github.com/acme/app#frag",
          "github.com",
          ""
        }) {
      assertThat(GitUris.repository(s)).as(s).isEmpty();
    }
  }

  @Test
  void refIsSplitAfterTheAuthority() {
    assertThat(GitUris.split("git+https://github.com/a/b@refs/tags/v1"))
        .isEqualTo(new GitUris.UriAndRef("git+https://github.com/a/b", "refs/tags/v1"));
    assertThat(GitUris.split("git+ssh://git@github.com/a/b").ref()).isEmpty();
  }

  @Test
  void builderIdsAsSlsaVerifierParsesThem() {
    BuilderId id = BuilderId.parse(Statements.GENERATOR + "@refs/tags/v2.1.0").orElseThrow();
    assertThat(id.atReleaseTag()).isTrue();
    assertThat(id.matchesLoose(BuilderId.parse(Statements.GENERATOR).orElseThrow())).isTrue();
    assertThat(id.matchesLoose(BuilderId.parse(Statements.GENERATOR + "@v2.1.0").orElseThrow()))
        .isTrue();
    assertThat(id.matchesLoose(BuilderId.parse(Statements.GENERATOR + "@v2.0.0").orElseThrow()))
        .isFalse();
    assertThat(id.githubRepository()).contains("github.com/slsa-framework/slsa-github-generator");
    assertThat(BuilderId.parse("a@b@c")).isEmpty();
    assertThat(BuilderId.parse("a@")).isEmpty();
    for (String ref :
        new String[] {
          "refs/heads/main",
          "refs/tags/v1.2",
          "refs/tags/v1.2.3-rc.1",
          "refs/tags/v1.2.3+b",
          "v1.2.3"
        }) {
      assertThat(new BuilderId("x", ref).atReleaseTag()).as(ref).isFalse();
    }
  }

  @Test
  void versionedTagPrefixes() {
    Semver v1 = Semver.parse("v1").orElseThrow();
    assertThat(v1.admits("v1.2.3")).isTrue();
    assertThat(v1.admits("v1")).isTrue();
    assertThat(v1.admits("v12.0.0")).isFalse();
    assertThat(v1.admits("v2.0.0")).isFalse();
    assertThat(v1.admits("1.2.3")).isFalse();
    Semver v12 = Semver.parse("v1.2").orElseThrow();
    assertThat(v12.admits("v1.2.9")).isTrue();
    assertThat(v12.admits("v1.20.0")).isFalse();
    assertThat(v12.admits("v1.3.0")).isFalse();
    Semver v123 = Semver.parse("v1.2.3").orElseThrow();
    assertThat(v123.admits("v1.2.3+build.7")).isTrue();
    assertThat(v123.admits("v1.2.3-rc.1")).isFalse();
    assertThat(Semver.parse("v1.2.3-rc.1").orElseThrow().admits("v1.2.3-rc.2")).isFalse();
    assertThat(Semver.parse("v14").orElseThrow().admits("v14")).isTrue();
    assertThat(Semver.parse("v14.2").orElseThrow().admits("v14")).isFalse();
    for (String bad :
        new String[] {"1.2.3", "v", "v01", "v1.02", "v1.2-rc", "v1.2.3-", "v1.2.3-01", "vx"}) {
      assertThat(Semver.parse(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void globsStayWithinSegments() {
    var m = Globs.matcher("github.com/acme/*");
    assertThat(m.matches("github.com/acme/app")).isTrue();
    assertThat(m.matches("github.com/acme/app/sub")).isFalse();
    assertThat(m.matches("github.com/acme-evil/app")).isFalse();
    assertThat(Globs.matcher("github.com/**").matches("github.com/a/b/c")).isTrue();
    assertThat(Globs.matcher("github.com/acme/a.p").matches("github.com/acme/axp")).isFalse();
  }
}
