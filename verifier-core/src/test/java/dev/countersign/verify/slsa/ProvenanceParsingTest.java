package dev.countersign.verify.slsa;

import static dev.countersign.verify.slsa.Statements.SHA;
import static dev.countersign.verify.slsa.Statements.provenance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading v0.2 and v1 provenance built here: normalised builder, build type and source. */
class ProvenanceParsingTest {
  private static final String V02 = ProvenanceV02.PREDICATE_TYPE;
  private static final String V1 = ProvenanceV1.PREDICATE_TYPE;

  @Test
  void genericGeneratorV02() throws Exception {
    SlsaProvenance p =
        provenance(V02, Statements.genericV02("refs/tags/v2.1.0", "refs/heads/main", "push"));
    assertThat(p.predicate()).isInstanceOf(ProvenanceV02.class);
    assertThat(p.builderId()).contains(Statements.GENERATOR + "@refs/tags/v2.1.0");
    assertThat(p.buildType())
        .contains("https://github.com/slsa-framework/slsa-github-generator/generic@v1");
    assertThat(p.sourceUri()).contains("git+https://github.com/acme/app");
    assertThat(p.sourceRef()).contains("refs/heads/main");
    assertThat(p.sourceDigest()).contains(SHA);
    assertThat(p.sourceBranch()).contains("main");
    assertThat(p.sourceTag()).isEmpty();
    assertThat(p.triggerEvent()).isEqualTo("push");
    assertThat(p.sources())
        .extracting(SourceReference::origin)
        .containsExactly("predicate.invocation.configSource", "predicate.materials[0]");
    ProvenanceV02 v = (ProvenanceV02) p.predicate();
    assertThat(v.configSource().entryPoint()).isEqualTo(".github/workflows/release.yml");
    assertThat(v.metadata().buildInvocationId()).isEqualTo("123-1");
    assertThat(v.metadata().completeParameters()).isTrue();
    assertThat(v.environment().get("github_event_name").asText()).isEqualTo("push");
    assertThat(v.materials()).hasSize(1);
  }

  @Test
  void tagBuildRecordsItsBranchFromThePushEvent() throws Exception {
    SlsaProvenance p =
        provenance(V02, Statements.genericV02("refs/tags/v2.1.0", "refs/tags/v1.4.2", "push"));
    assertThat(p.sourceTag()).contains("v1.4.2");
    assertThat(p.tagBaseRef()).isEqualTo("refs/heads/main");
    assertThat(p.sourceBranch()).contains("main");
  }

  @Test
  void tagBuildFromAReleaseUsesTheTargetBranch() throws Exception {
    String pred =
        "{'builder':{'id':'b'},'invocation':{'configSource':{'uri':"
            + "'git+https://github.com/acme/app@refs/tags/v2'},'environment':{"
            + "'github_event_name':'release','github_event_payload':{'release':"
            + "{'target_commitish':'stable'}}}}}";
    SlsaProvenance p = provenance(V02, pred);
    assertThat(p.sourceBranch()).contains("stable");
  }

  @Test
  void githubActionsWorkflowBuildTypeV1() throws Exception {
    SlsaProvenance p = provenance(V1, Statements.githubWorkflowV1("acme/app", "refs/tags/v1.2.3"));
    assertThat(p.predicate()).isInstanceOf(ProvenanceV1.class);
    assertThat(p.buildType()).contains(ProvenanceV1.GITHUB_WORKFLOW_BUILD_TYPE);
    assertThat(p.builderId())
        .contains("https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.2.3");
    SourceReference s = p.source().orElseThrow();
    assertThat(s.uri()).isEqualTo("git+https://github.com/acme/app");
    assertThat(s.repository()).isEqualTo("github.com/acme/app");
    assertThat(s.ref()).isEqualTo("refs/tags/v1.2.3");
    assertThat(s.digest()).isEqualTo(SHA);
    assertThat(s.origin()).isEqualTo("predicate.buildDefinition.externalParameters.workflow");
    assertThat(p.sources()).hasSize(2);
    assertThat(p.triggerEvent()).isEqualTo("push");
    ProvenanceV1 v = (ProvenanceV1) p.predicate();
    assertThat(v.invocationId()).isEqualTo("https://github.com/acme/app/actions/runs/1/attempts/1");
    assertThat(v.resolvedDependencies().get(0).gitCommit()).contains(SHA);
  }

  @Test
  void delegatorV1ReadsTheGitHubInternalParameters() throws Exception {
    SlsaProvenance p = provenance(V1, Statements.delegatorV1("refs/tags/v2.1.0", "refs/tags/v14"));
    SourceReference s = p.source().orElseThrow();
    assertThat(s.origin()).isEqualTo("predicate.buildDefinition.internalParameters");
    assertThat(s.repository()).isEqualTo("github.com/acme/app");
    assertThat(s.ref()).isEqualTo("refs/tags/v14");
    assertThat(s.digest()).isEqualTo(SHA);
    assertThat(p.sourceTag()).contains("v14");
    assertThat(p.sourceBranch()).contains("main");
    assertThat(p.triggerEvent()).isEqualTo("push");
  }

  @Test
  void externalParametersSourceAsStringOrDescriptor() throws Exception {
    SlsaProvenance a =
        provenance(
            V1,
            "{'buildDefinition':{'externalParameters':{'source':"
                + "'git+https://github.com/acme/app.git@refs/heads/dev'}}}");
    assertThat(a.sourceUri()).contains("git+https://github.com/acme/app");
    assertThat(a.sourceRef()).contains("refs/heads/dev");
    SlsaProvenance b =
        provenance(
            V1,
            "{'buildDefinition':{'externalParameters':{'source':{'uri':"
                + "'git+https://GitHub.com/acme/app@refs/tags/v3','digest':{'sha1':'"
                + SHA.toUpperCase()
                + "'}}}}}");
    assertThat(b.source().orElseThrow().repository()).isEqualTo("github.com/acme/app");
    assertThat(b.sourceDigest()).contains(SHA);
    assertThat(b.sourceTag()).contains("v3");
  }

  @Test
  void firstGitDependencyIsASource() throws Exception {
    SlsaProvenance p =
        provenance(
            V1,
            "{'buildDefinition':{'resolvedDependencies':[{'uri':'https://example.com/tool.tgz'},"
                + "{'uri':'git+https://github.com/acme/app@refs/heads/main','digest':{'gitCommit':'"
                + SHA
                + "'}}]}}");
    assertThat(p.source().orElseThrow().origin())
        .isEqualTo("predicate.buildDefinition.resolvedDependencies[1]");
  }

  @Test
  void unknownAndEmptyShapesHaveAbsentFields() throws Exception {
    for (String type : new String[] {V02, V1}) {
      for (String pred :
          new String[] {
            "{}",
            "{'unknown':{'deep':[1,2,3]}}",
            "{'builder':{},'invocation':{},'metadata':{},'materials':[]}",
            "{'buildDefinition':{},'runDetails':{'builder':{},'metadata':{}}}",
            "{'buildDefinition':{'externalParameters':{'workflow':{}}}}"
          }) {
        SlsaProvenance p = provenance(type, pred);
        assertThat(p.builderId()).as(pred).isEmpty();
        assertThat(p.buildType()).isEmpty();
        assertThat(p.source()).isEmpty();
        assertThat(p.sourceBranch()).isEmpty();
      }
    }
  }

  @Test
  void unnormalisableUrisKeepTheirTextButNoRepository() throws Exception {
    SlsaProvenance p =
        provenance(
            V02,
            "{'invocation':{'configSource':{'uri':'git+ssh://git@github.com/acme/app@refs/heads/main'}}}");
    SourceReference s = p.source().orElseThrow();
    assertThat(s.repository()).isEmpty();
    assertThat(s.uri()).isEqualTo("git+ssh://git@github.com/acme/app");
    assertThat(s.ref()).isEqualTo("refs/heads/main");
  }

  @Test
  void wrongJsonTypesAreMalformedWithTheirPath() {
    Map<String, String[]> cases =
        Map.of(
            "predicate.builder.id", new String[] {V02, "{'builder':{'id':7}}"},
            "predicate.materials", new String[] {V02, "{'materials':{}}"},
            "predicate.materials[0].digest.sha1",
                new String[] {V02, "{'materials':[{'uri':'x','digest':{'sha1':1}}]}"},
            "predicate.invocation.environment",
                new String[] {V02, "{'invocation':{'environment':[]}}"},
            "predicate.invocation.environment.github_event_name",
                new String[] {V02, "{'invocation':{'environment':{'github_event_name':true}}}"},
            "predicate.runDetails.builder.version.go",
                new String[] {V1, "{'runDetails':{'builder':{'version':{'go':1}}}}"},
            "predicate.buildDefinition.externalParameters.workflow",
                new String[] {V1, "{'buildDefinition':{'externalParameters':{'workflow':'x'}}}"},
            "predicate.buildDefinition.externalParameters.source",
                new String[] {V1, "{'buildDefinition':{'externalParameters':{'source':[1]}}}"},
            "predicate.buildDefinition.resolvedDependencies[0]",
                new String[] {V1, "{'buildDefinition':{'resolvedDependencies':['git+x']}}"},
            "predicate.metadata.reproducible",
                new String[] {V02, "{'metadata':{'reproducible':'yes'}}"});
    cases.forEach(
        (path, c) ->
            assertThatThrownBy(() -> provenance(c[0], c[1]))
                .as(path)
                .isInstanceOf(EvidenceFormatException.class)
                .satisfies(
                    e -> {
                      EvidenceFormatException f = (EvidenceFormatException) e;
                      assertThat(f.reason()).isEqualTo(ReasonCode.EVIDENCE_MALFORMED);
                      assertThat(f.path()).isEqualTo(path);
                    }));
  }

  @Test
  void predicateMustBeAnObject() {
    assertThatThrownBy(() -> provenance(V1, "[]"))
        .isInstanceOf(EvidenceFormatException.class)
        .satisfies(e -> assertThat(((EvidenceFormatException) e).path()).isEqualTo("predicate"));
  }

  @Test
  void otherPredicateTypesAreNotProvenance() {
    assertThatThrownBy(() -> provenance("https://cyclonedx.org/bom", "{}"))
        .isInstanceOf(EvidenceFormatException.class)
        .satisfies(
            e ->
                assertThat(((EvidenceFormatException) e).reason())
                    .isEqualTo(ReasonCode.PREDICATE_MISSING));
  }

  @Test
  void viewsAreCopies() throws Exception {
    SlsaProvenance p =
        provenance(V02, Statements.genericV02("refs/tags/v2.1.0", "refs/heads/main", "push"));
    ProvenanceV02 v = (ProvenanceV02) p.predicate();
    ((com.fasterxml.jackson.databind.node.ObjectNode) v.environment()).put("github_ref", "evil");
    assertThat(v.environment().get("github_ref").asText()).isEqualTo("refs/heads/main");
  }
}
