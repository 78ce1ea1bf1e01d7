package dev.countersign.verify.slsa;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.policy.FulcioExtension;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/** Provenance statements and signers written in tests, with single quotes for readability. */
final class Statements {
  static final String GENERATOR =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml";
  static final String DELEGATOR =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/delegator_lowperms-generic_slsa3.yml";
  static final String MAVEN =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/builder_maven_slsa3.yml";
  static final String SHA = "4d329c75e7ec1725f7c9ce917a8799d408d06be3";
  static final String SUBJECT =
      "'subject':[{'name':'app','digest':{'sha256':'"
          + "376e7e01348585b6e6643bc6663146b9d525d9b41228bf180eaeb4d4a3706caa"
          + "'}}]";

  private Statements() {}

  static InTotoStatement statement(String predicateType, String predicateJson)
      throws EvidenceFormatException {
    return InTotoStatement.parse(statementJson(predicateType, predicateJson));
  }

  static byte[] statementJson(String predicateType, String predicateJson) {
    String json =
        "{'_type':'https://in-toto.io/Statement/v1',"
            + SUBJECT
            + ",'predicateType':'"
            + predicateType
            + "','predicate':"
            + predicateJson
            + "}";
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  static SlsaProvenance provenance(String predicateType, String predicateJson)
      throws EvidenceFormatException {
    return SlsaProvenance.from(statement(predicateType, predicateJson));
  }

  /** slsa-github-generator's generic generator, v0.2, for acme/app at {@code ref}. */
  static String genericV02(String builderRef, String ref, String event) {
    return "{'builder':{'id':'"
        + GENERATOR
        + "@"
        + builderRef
        + "'},"
        + "'buildType':'https://github.com/slsa-framework/slsa-github-generator/generic@v1',"
        + "'invocation':{'configSource':{'uri':'git+https://github.com/acme/app@"
        + ref
        + "','digest':{'sha1':'"
        + SHA
        + "'},'entryPoint':'.github/workflows/release.yml'},"
        + "'parameters':{},"
        + "'environment':{'github_event_name':'"
        + event
        + "','github_ref':'"
        + ref
        + "','github_ref_type':'"
        + (ref.startsWith("refs/tags/") ? "tag" : "branch")
        + "','github_base_ref':'','github_sha1':'"
        + SHA
        + "','github_event_payload':{'base_ref':'refs/heads/main'}}},"
        + "'metadata':{'buildInvocationID':'123-1','completeness':{'parameters':true}},"
        + "'materials':[{'uri':'git+https://github.com/acme/app@"
        + ref
        + "','digest':{'sha1':'"
        + SHA
        + "'}}]}";
  }

  /** GitHub's Actions workflow build type, v1, as actions/attest-build-provenance writes it. */
  static String githubWorkflowV1(String workflowRepo, String ref) {
    return "{'buildDefinition':{'buildType':'https://actions.github.io/buildtypes/workflow/v1',"
        + "'externalParameters':{'workflow':{'ref':'"
        + ref
        + "','repository':'https://github.com/"
        + workflowRepo
        + "','path':'.github/workflows/release.yml'}},"
        + "'internalParameters':{'github':{'event_name':'push','repository_id':'1',"
        + "'repository_owner_id':'2','runner_environment':'github-hosted'}},"
        + "'resolvedDependencies':[{'uri':'git+https://github.com/"
        + workflowRepo
        + "@"
        + ref
        + "','digest':{'gitCommit':'"
        + SHA
        + "'}}]},"
        + "'runDetails':{'builder':{'id':'https://github.com/"
        + workflowRepo
        + "/.github/workflows/release.yml@"
        + ref
        + "'},'metadata':{'invocationId':'https://github.com/"
        + workflowRepo
        + "/actions/runs/1/attempts/1'}}}";
  }

  /** slsa-github-generator's BYOB delegator running the Maven builder, v1. */
  static String delegatorV1(String builderRef, String ref) {
    return "{'buildDefinition':{'buildType':"
        + "'https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0',"
        + "'externalParameters':{'inputs':{'directory':'.'},'vars':{}},"
        + "'internalParameters':{'GITHUB_EVENT_NAME':'push','GITHUB_REF':'"
        + ref
        + "','GITHUB_REF_TYPE':'tag','GITHUB_REPOSITORY':'acme/app','GITHUB_SHA':'"
        + SHA
        + "','GITHUB_WORKFLOW_REF':'acme/app/.github/workflows/release.yml@"
        + ref
        + "','GITHUB_EVENT_PAYLOAD':{'base_ref':'refs/heads/main'}},"
        + "'resolvedDependencies':[{'uri':'git+https://github.com/acme/app@"
        + ref
        + "','digest':{'gitCommit':'"
        + SHA
        + "'}}]},"
        + "'runDetails':{'builder':{'id':'"
        + MAVEN
        + "@"
        + builderRef
        + "'},'metadata':{'invocationId':'https://github.com/acme/app/actions/runs/1/attempts/1'}}}";
  }

  /** A GitHub Actions certificate identity for a run of acme/app at {@code ref}. */
  static ProvenanceSigner githubSigner(String san, String ref, String runner) {
    Map<FulcioExtension, String> ext = new EnumMap<>(FulcioExtension.class);
    ext.put(FulcioExtension.BUILD_SIGNER_URI, san);
    ext.put(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/acme/app");
    ext.put(FulcioExtension.SOURCE_REPOSITORY_REF, ref);
    ext.put(FulcioExtension.SOURCE_REPOSITORY_DIGEST, SHA);
    ext.put(FulcioExtension.BUILD_TRIGGER, "push");
    if (runner != null) {
      ext.put(FulcioExtension.RUNNER_ENVIRONMENT, runner);
    }
    return new ProvenanceSigner(san, ProvenanceSigner.GITHUB_ACTIONS_ISSUER, ext);
  }

  static ProvenanceSigner withExtension(ProvenanceSigner s, FulcioExtension e, String value) {
    Map<FulcioExtension, String> ext = new EnumMap<>(FulcioExtension.class);
    ext.putAll(s.extensions());
    ext.put(e, value);
    return new ProvenanceSigner(s.subjectAlternativeName(), s.issuer(), ext);
  }
}
