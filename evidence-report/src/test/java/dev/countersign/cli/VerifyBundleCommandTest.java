package dev.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code countersign verify-bundle} on the shipped example, and on every kind of bad input: each
 * gives exit 1 or 2 with one clear line naming a reason code, never a stack trace, never exit 0.
 */
class VerifyBundleCommandTest {
  static final Path EXAMPLES = projectRoot().resolve("examples/artifacts");
  static final String BUNDLE = EXAMPLES.resolve("sigstore-java-2.0.0.pom.sigstore.json").toString();
  static final String ARTIFACT = EXAMPLES.resolve("sigstore-java-2.0.0.pom").toString();
  static final String SAN =
      "https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0";
  static final String ISSUER = "https://token.actions.githubusercontent.com";
  static final String DIGEST =
      "sha256:035f486f7178a43aa4c0dffaa7c8d9fc3b21ab2afd47570c3cdfb9c2f7b921cb";

  @TempDir Path tmp;

  static Path projectRoot() {
    String p = System.getProperty("countersign.projectRoot");
    return p != null ? Paths.get(p) : Paths.get("..").toAbsolutePath().normalize();
  }

  private static CliRun verify(String bundle, String artifact, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify-bundle",
                "--bundle",
                bundle,
                "--certificate-identity",
                SAN,
                "--certificate-oidc-issuer",
                ISSUER));
    args.addAll(List.of(extra));
    args.add(artifact);
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void assertOneClearLine(CliRun r, int exit, String reason) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exit);
    assertThat(r.lines()).as(r.out() + r.err()).hasSize(1);
    assertThat(r.lines().get(0)).contains(reason);
    assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(tmp.resolve(name), content, StandardCharsets.UTF_8);
  }

  private String example() throws Exception {
    return Files.readString(Paths.get(BUNDLE), StandardCharsets.UTF_8);
  }

  @Test
  void verifiesTheShippedExampleByFileAndByDigest() {
    CliRun byFile = verify(BUNDLE, ARTIFACT);
    assertThat(byFile.exitCode()).as(byFile.err()).isEqualTo(0);
    assertThat(byFile.out()).startsWith("PASS: " + DIGEST);
    CliRun byDigest = verify(BUNDLE, DIGEST);
    assertThat(byDigest.exitCode()).as(byDigest.err()).isEqualTo(0);
  }

  @Test
  void jsonOutputIsTheVerdict() throws Exception {
    CliRun r = verify(BUNDLE, ARTIFACT, "--output", "json");
    assertThat(r.exitCode()).isEqualTo(0);
    JsonNode v = new ObjectMapper().readTree(r.out());
    assertThat(v.get("mediaType").asText())
        .isEqualTo("application/vnd.countersign.verdict.v1+json");
    assertThat(v.get("outcome").asText()).isEqualTo("PASS");
    assertThat(v.get("trustRoot").asText()).isEqualTo("public-good");
    assertThat(v.get("checks").size()).isGreaterThanOrEqualTo(10);
  }

  @Test
  void failuresNameTheCheckAndReasonInOneLine() throws Exception {
    CliRun wrongIdentity =
        CliRun.of(
            "verify-bundle",
            "--bundle",
            BUNDLE,
            "--certificate-identity",
            "https://github.com/evil/repo/.github/workflows/x.yml@refs/heads/main",
            "--certificate-oidc-issuer",
            ISSUER,
            ARTIFACT);
    assertOneClearLine(wrongIdentity, 1, "identity: IDENTITY_MISMATCH");
    Path changed = tmp.resolve("changed.pom");
    byte[] bytes = Files.readAllBytes(Paths.get(ARTIFACT));
    bytes[10] ^= 1;
    Files.write(changed, bytes);
    assertOneClearLine(
        verify(BUNDLE, changed.toString()), 1, "artifact.digest: ARTIFACT_DIGEST_MISMATCH");
    CliRun json = verify(BUNDLE, changed.toString(), "--output", "json");
    assertThat(json.exitCode()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(json.out()).get("reason").asText())
        .isEqualTo("ARTIFACT_DIGEST_MISMATCH");
  }

  @Test
  void malformedBundlesFailWithEvidenceMalformed() throws Exception {
    String good = example();
    assertOneClearLine(
        verify(write("truncated.json", good.substring(0, good.length() / 2)).toString(), ARTIFACT),
        1,
        "EVIDENCE_MALFORMED");
    assertOneClearLine(
        verify(write("notjson.json", "this is not json").toString(), ARTIFACT),
        1,
        "EVIDENCE_MALFORMED");
    assertOneClearLine(
        verify(write("array.json", "[1,2,3]").toString(), ARTIFACT), 1, "EVIDENCE_MALFORMED");
    assertOneClearLine(
        verify(write("empty.json", "").toString(), ARTIFACT), 1, "EVIDENCE_MALFORMED");
    assertOneClearLine(
        verify(
            write("dup.json", good.replaceFirst("\\{", "{\"mediaType\": \"x\",")).toString(),
            ARTIFACT),
        1,
        "EVIDENCE_MALFORMED");
    String badB64 = good.replaceFirst("\"signature\"\\s*:\\s*\"", "\"signature\": \"!!!");
    assertOneClearLine(
        verify(write("b64.json", badB64).toString(), ARTIFACT), 1, "EVIDENCE_MALFORMED");
    String unknown =
        good.replace(
            "application/vnd.dev.sigstore.bundle.v0.3+json",
            "application/vnd.dev.sigstore.bundle.v9+json");
    assertOneClearLine(
        verify(write("version.json", unknown).toString(), ARTIFACT),
        1,
        "BUNDLE_VERSION_UNSUPPORTED");
  }

  @Test
  void hugeFieldsAndFilesAreRefused() throws Exception {
    String good = example();
    String huge =
        good.replaceFirst(
            "\"signature\"\\s*:\\s*\"", "\"signature\": \"" + "A".repeat(2 * 1024 * 1024));
    assertOneClearLine(
        verify(write("huge-field.json", huge).toString(), ARTIFACT), 1, "EVIDENCE_MALFORMED");
    Path sparse = tmp.resolve("huge-file.json");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(VerifyBundleCommand.MAX_BUNDLE_FILE + 1);
    }
    CliRun r = verify(sparse.toString(), ARTIFACT);
    assertThat(r.exitCode()).isIn(1, 2);
    assertThat(r.lines()).hasSize(1);
    assertThat(r.lines().get(0)).contains("EVIDENCE_MALFORMED").contains("larger than");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertOneClearLine(
        verify(write("deep.json", deep).toString(), ARTIFACT), 1, "EVIDENCE_MALFORMED");
  }

  @Test
  void unreadableInputsAreUsageErrors() throws Exception {
    assertOneClearLine(
        verify(tmp.resolve("missing.json").toString(), ARTIFACT), 2, "INPUT_UNREADABLE");
    assertOneClearLine(verify(tmp.toString(), ARTIFACT), 2, "INPUT_UNREADABLE");
    assertOneClearLine(
        verify(BUNDLE, tmp.resolve("missing.pom").toString()), 2, "INPUT_UNREADABLE");
    assertOneClearLine(
        verify(BUNDLE, ARTIFACT, "--trusted-root", tmp.resolve("nope.json").toString()),
        2,
        "INPUT_UNREADABLE");
    Path badRoot =
        write(
            "root.json",
            "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\",\"tlogs\":[{}]}");
    assertOneClearLine(
        verify(BUNDLE, ARTIFACT, "--trusted-root", badRoot.toString()), 2, "TRUST_ROOT_INVALID");
  }

  @Test
  void anUnloggedKeyBasedBundleVerifiesOnlyAgainstARootWithoutLogs() throws Exception {
    java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
    ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    java.security.KeyPair pair = ec.generateKeyPair();
    byte[] artifact = Files.readAllBytes(Paths.get(ARTIFACT));
    java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update(artifact);
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    Path bundle =
        write(
            "keyed.sigstore.json",
            "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
                + "\"verificationMaterial\":{\"publicKey\":{\"hint\":\"k\"}},"
                + "\"messageSignature\":{\"messageDigest\":{\"algorithm\":\"SHA2_256\",\"digest\":\""
                + b64.encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(artifact))
                + "\"},\"signature\":\""
                + b64.encodeToString(signer.sign())
                + "\"}}");
    Path key =
        write(
            "key.pub",
            "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    Path keysOnly =
        write(
            "keys-only.json",
            "{\"mediaType\": \"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}");

    // A root that names no log cannot require a log entry; the key alone decides.
    CliRun pass =
        CliRun.of(
            "verify-bundle",
            "--bundle",
            bundle.toString(),
            "--key",
            key.toString(),
            "--trusted-root",
            keysOnly.toString(),
            ARTIFACT);
    assertThat(pass.exitCode()).as(pass.out() + pass.err()).isZero();
    // The public-good root has logs, so the same bundle lacks its log entry there.
    assertOneClearLine(
        CliRun.of(
            "verify-bundle", "--bundle", bundle.toString(), "--key", key.toString(), ARTIFACT),
        1,
        "TLOG_ENTRY_MISSING");
    // A keyless verification against the keys-only root has no certificate authority.
    assertThat(verify(BUNDLE, ARTIFACT, "--trusted-root", keysOnly.toString()).exitCode())
        .isEqualTo(1);
  }

  @Test
  void wrongKeysAreRefused() throws Exception {
    Path cert =
        write(
            "cert.pem",
            "-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHBfpegPjMCMA0GCSqGSIb3DQEBCwUA\n-----END CERTIFICATE-----\n");
    Path garbage =
        write("garbage.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    Path empty = write("empty.pem", "no key here");
    java.security.KeyPairGenerator dsa = java.security.KeyPairGenerator.getInstance("DSA");
    dsa.initialize(2048);
    String dsaPem =
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString(dsa.generateKeyPair().getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    Path dsaKey = write("dsa.pem", dsaPem);
    for (Path key : List.of(cert, garbage, empty, dsaKey)) {
      CliRun r = CliRun.of("verify-bundle", "--bundle", BUNDLE, "--key", key.toString(), ARTIFACT);
      assertOneClearLine(r, 2, "KEY_UNSUPPORTED");
    }
  }

  @Test
  void usageErrorsAreOneLine() {
    assertOneClearLine(CliRun.of("verify-bundle", "--bundle", BUNDLE, ARTIFACT), 2, "USAGE");
    assertOneClearLine(
        CliRun.of(
            "verify-bundle",
            "--bundle",
            BUNDLE,
            "--certificate-identity",
            SAN,
            "--certificate-identity-regexp",
            ".*",
            "--certificate-oidc-issuer",
            ISSUER,
            ARTIFACT),
        2,
        "USAGE");
    assertOneClearLine(
        CliRun.of(
            "verify-bundle",
            "--bundle",
            BUNDLE,
            "--certificate-identity-regexp",
            "([",
            "--certificate-oidc-issuer",
            ISSUER,
            ARTIFACT),
        2,
        "POLICY_INVALID");
    assertOneClearLine(CliRun.of("verify-bundle", "--no-such-flag"), 2, "USAGE");
    assertOneClearLine(CliRun.of("no-such-command"), 2, "USAGE");
    assertOneClearLine(
        CliRun.of(
            "verify-bundle",
            "--bundle",
            BUNDLE,
            "--certificate-identity",
            SAN,
            "--certificate-oidc-issuer",
            ISSUER,
            "--output",
            "yaml",
            ARTIFACT),
        2,
        "USAGE");
  }
}
