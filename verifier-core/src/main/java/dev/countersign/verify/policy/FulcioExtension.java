package dev.countersign.verify.policy;

import java.util.Optional;

/**
 * Fulcio certificate extensions an identity can be constrained on
 * (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md). The deprecated GitHub extensions
 * (…1.2 to …1.6) hold raw bytes; the others a DER UTF8String.
 */
public enum FulcioExtension {
  GITHUB_WORKFLOW_TRIGGER("githubWorkflowTrigger", "1.3.6.1.4.1.57264.1.2", true),
  GITHUB_WORKFLOW_SHA("githubWorkflowSha", "1.3.6.1.4.1.57264.1.3", true),
  GITHUB_WORKFLOW_NAME("githubWorkflowName", "1.3.6.1.4.1.57264.1.4", true),
  GITHUB_WORKFLOW_REPOSITORY("githubWorkflowRepository", "1.3.6.1.4.1.57264.1.5", true),
  GITHUB_WORKFLOW_REF("githubWorkflowRef", "1.3.6.1.4.1.57264.1.6", true),
  BUILD_SIGNER_URI("buildSignerURI", "1.3.6.1.4.1.57264.1.9", false),
  BUILD_SIGNER_DIGEST("buildSignerDigest", "1.3.6.1.4.1.57264.1.10", false),
  RUNNER_ENVIRONMENT("runnerEnvironment", "1.3.6.1.4.1.57264.1.11", false),
  SOURCE_REPOSITORY_URI("sourceRepositoryURI", "1.3.6.1.4.1.57264.1.12", false),
  SOURCE_REPOSITORY_DIGEST("sourceRepositoryDigest", "1.3.6.1.4.1.57264.1.13", false),
  SOURCE_REPOSITORY_REF("sourceRepositoryRef", "1.3.6.1.4.1.57264.1.14", false),
  SOURCE_REPOSITORY_IDENTIFIER("sourceRepositoryIdentifier", "1.3.6.1.4.1.57264.1.15", false),
  SOURCE_REPOSITORY_OWNER_URI("sourceRepositoryOwnerURI", "1.3.6.1.4.1.57264.1.16", false),
  SOURCE_REPOSITORY_OWNER_IDENTIFIER(
      "sourceRepositoryOwnerIdentifier", "1.3.6.1.4.1.57264.1.17", false),
  BUILD_CONFIG_URI("buildConfigURI", "1.3.6.1.4.1.57264.1.18", false),
  BUILD_CONFIG_DIGEST("buildConfigDigest", "1.3.6.1.4.1.57264.1.19", false),
  BUILD_TRIGGER("buildTrigger", "1.3.6.1.4.1.57264.1.20", false),
  RUN_INVOCATION_URI("runInvocationURI", "1.3.6.1.4.1.57264.1.21", false),
  SOURCE_REPOSITORY_VISIBILITY(
      "sourceRepositoryVisibilityAtSigning", "1.3.6.1.4.1.57264.1.22", false),
  DEPLOYMENT_ENVIRONMENT("deploymentEnvironment", "1.3.6.1.4.1.57264.1.23", false);

  /** OID of the deprecated raw-bytes issuer extension. */
  public static final String ISSUER_V1_OID = "1.3.6.1.4.1.57264.1.1";

  /** OID of the DER UTF8String issuer extension. */
  public static final String ISSUER_V2_OID = "1.3.6.1.4.1.57264.1.8";

  /** OID of the otherName SAN Fulcio uses for usernames. */
  public static final String OTHERNAME_SAN_OID = "1.3.6.1.4.1.57264.1.7";

  private final String policyName;
  private final String oid;
  private final boolean rawValue;

  FulcioExtension(String policyName, String oid, boolean rawValue) {
    this.policyName = policyName;
    this.oid = oid;
    this.rawValue = rawValue;
  }

  /** The name used in policy files and JSON, e.g. {@code githubWorkflowRepository}. */
  public String policyName() {
    return policyName;
  }

  public String oid() {
    return oid;
  }

  /** True for the deprecated extensions whose value is raw bytes rather than DER. */
  public boolean rawValue() {
    return rawValue;
  }

  public static Optional<FulcioExtension> fromPolicyName(String name) {
    for (FulcioExtension e : values()) {
      if (e.policyName.equalsIgnoreCase(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
