package dev.countersign.verify.internal.bundle;

import dev.countersign.verify.Digest;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.bundle.MessageSignature;
import dev.countersign.verify.bundle.VerificationMaterial;
import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.crypto.KeyAlgorithm;
import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.VerificationKey;
import dev.countersign.verify.internal.tlog.SignerMaterial;
import dev.countersign.verify.internal.x509.CertificateFormatException;
import dev.countersign.verify.internal.x509.ParsedCertificate;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Establishes who signed, binds the signed content to the artifact, and checks the signature. */
final class SignatureChecks {
  private static final List<String> SUBJECT_ALGORITHMS = List.of("sha256", "sha512", "sha384");

  private SignatureChecks() {}

  /**
   * Decodes the signing certificate, or finds the expected key for a key-based bundle. Returns
   * false when no signing key can be established (the reason is already reported).
   */
  static boolean establishSigner(VerificationContext ctx) {
    VerificationMaterial material = ctx.bundle.verificationMaterial();
    if (material instanceof VerificationMaterial.Certificates) {
      byte[] der = ((VerificationMaterial.Certificates) material).leaf();
      try {
        ctx.leaf = ParsedCertificate.parse(der);
        ctx.signerKey = ctx.leaf.publicKey();
        ctx.signerMaterial = new SignerMaterial(der, ctx.leaf.spki());
        return true;
      } catch (CertificateFormatException e) {
        ctx.add(
            CheckResult.fail(
                CheckId.CERTIFICATE_CHAIN,
                "",
                ReasonCode.EVIDENCE_MALFORMED,
                "the signing certificate cannot be parsed: " + e.getMessage()));
      } catch (KeyFormatException e) {
        ctx.add(
            CheckResult.fail(
                CheckId.CERTIFICATE_CHAIN,
                "",
                ReasonCode.KEY_UNSUPPORTED,
                "the signing certificate's key is not supported: " + e.getMessage()));
      }
      return false;
    }
    String hint = ((VerificationMaterial.PublicKeyHint) material).hint();
    List<Authority.PublicKey> keys = ctx.authoritiesOf(Authority.PublicKey.class);
    if (keys.isEmpty()) {
      ctx.add(
          CheckResult.fail(
              CheckId.SIGNING_KEY,
              "",
              ReasonCode.CERTIFICATE_MISSING,
              "the bundle is signed with a public key"
                  + (hint.isEmpty() ? "" : " (hint '" + hint + "')")
                  + " and carries no certificate, so it cannot show a keyless identity; verify it with the expected key"));
      return false;
    }
    for (Authority.PublicKey k : keys) {
      if (signatureVerifies(ctx, k.verificationKey())) {
        use(ctx, k);
        ctx.add(
            CheckResult.pass(
                CheckId.SIGNING_KEY,
                "",
                "signed with the "
                    + k.verificationKey().algorithm()
                    + " key of authority '"
                    + k.name()
                    + "'",
                Map.of(
                    "authority",
                    k.name(),
                    "key.algorithm",
                    k.verificationKey().algorithm().name())));
        return true;
      }
    }
    use(ctx, keys.get(0));
    ctx.add(
        CheckResult.fail(
            CheckId.SIGNING_KEY,
            "",
            ReasonCode.KEY_MISMATCH,
            keys.size() == 1
                ? "the signature does not verify with the expected key of authority '"
                    + keys.get(0).name()
                    + "'"
                : "the signature does not verify with any of the "
                    + keys.size()
                    + " expected keys"));
    return true;
  }

  private static void use(VerificationContext ctx, Authority.PublicKey k) {
    ctx.keyAuthority = k;
    ctx.signerKey = k.verificationKey();
    ctx.signerMaterial = new SignerMaterial(null, k.verificationKey().spki());
  }

  /** Binds the content to the artifact (digest or in-toto subject) and checks the signature. */
  static void artifactAndSignature(VerificationContext ctx) {
    if (ctx.bundle.content() instanceof MessageSignature) {
      messageArtifact(ctx, (MessageSignature) ctx.bundle.content());
    } else {
      dsseArtifact(ctx, (DsseEnvelope) ctx.bundle.content());
    }
    if (ctx.keyAuthority == null) {
      // Certificate bundles: one key, one signature check. (Key bundles chose their key by it.)
      boolean ok = signatureVerifies(ctx, ctx.signerKey);
      if (ctx.artifactError != null) {
        return;
      }
      if (ok) {
        ctx.add(
            CheckResult.pass(
                CheckId.SIGNATURE,
                "",
                "the signature verifies with the certificate's "
                    + ctx.signerKey.algorithm()
                    + " key"));
      } else if (ctx.bundle.content() instanceof MessageSignature
          && !ctx.signerKey.supportsPrehashed()
          && ctx.artifact.isDigestOnly()) {
        ctx.add(
            CheckResult.fail(
                CheckId.SIGNATURE,
                "",
                ReasonCode.KEY_UNSUPPORTED,
                "an Ed25519 signature covers the whole artifact; a digest is not enough to verify it"));
      } else {
        ctx.add(
            CheckResult.fail(
                CheckId.SIGNATURE,
                "",
                ReasonCode.SIGNATURE_INVALID,
                "the signature does not verify with the signing certificate's key"
                    + (ctx.bundle.content() instanceof DsseEnvelope
                        ? " over the DSSE envelope"
                        : " for this artifact")));
      }
    }
  }

  private static void messageArtifact(VerificationContext ctx, MessageSignature ms) {
    String alg = ms.digestAlgorithm().orElse(defaultHash(ctx.signerKey).shortName());
    Optional<Digest> d = ctx.digest(alg);
    if (ctx.artifactError != null) {
      ctx.add(
          CheckResult.error(
              CheckId.ARTIFACT_DIGEST,
              "",
              ReasonCode.INPUT_UNREADABLE,
              "cannot read the artifact "
                  + ctx.artifact.describe()
                  + ": "
                  + ctx.artifactError.getMessage()));
      return;
    }
    if (d.isEmpty()) {
      ctx.add(
          CheckResult.fail(
              CheckId.ARTIFACT_DIGEST,
              "",
              ReasonCode.ARTIFACT_DIGEST_MISMATCH,
              "the bundle signs a "
                  + alg
                  + " digest, but only a digest of another algorithm was given ("
                  + ctx.artifact.describe()
                  + ")"));
      return;
    }
    if (ms.digest().isPresent() && !d.get().matches(new Digest(alg, ms.digest().get()))) {
      ctx.add(
          CheckResult.fail(
              CheckId.ARTIFACT_DIGEST,
              "",
              ReasonCode.ARTIFACT_DIGEST_MISMATCH,
              "the artifact's digest is "
                  + d.get()
                  + " but the bundle signs "
                  + new Digest(alg, ms.digest().get()),
              Map.of("artifact.digest", d.get().toString())));
      return;
    }
    ctx.add(
        CheckResult.pass(
            CheckId.ARTIFACT_DIGEST,
            "",
            "the bundle signs the artifact's digest",
            Map.of("artifact.digest", d.get().toString())));
  }

  private static void dsseArtifact(VerificationContext ctx, DsseEnvelope env) {
    if (!env.isInToto()) {
      Optional<Digest> d = ctx.digest("sha256");
      if (ctx.artifactError != null) {
        ctx.add(
            CheckResult.error(
                CheckId.ARTIFACT_DIGEST,
                "",
                ReasonCode.INPUT_UNREADABLE,
                "cannot read the artifact "
                    + ctx.artifact.describe()
                    + ": "
                    + ctx.artifactError.getMessage()));
        return;
      }
      Digest payload = new Digest("sha256", HashAlgorithm.SHA2_256.digest(env.payload()));
      if (d.isEmpty() || !d.get().matches(payload)) {
        ctx.add(
            CheckResult.fail(
                CheckId.ARTIFACT_DIGEST,
                "",
                ReasonCode.ARTIFACT_DIGEST_MISMATCH,
                "the envelope's "
                    + env.payloadType()
                    + " payload ("
                    + payload
                    + ") is not the artifact ("
                    + d.map(Digest::toString).orElse(ctx.artifact.describe())
                    + ")"));
        return;
      }
      ctx.add(
          CheckResult.pass(
              CheckId.ARTIFACT_DIGEST,
              "",
              "the envelope's payload is the artifact",
              Map.of("artifact.digest", payload.toString())));
      return;
    }
    InTotoStatement statement;
    try {
      statement = InTotoStatement.parse(env.payload());
    } catch (EvidenceFormatException e) {
      ctx.add(
          CheckResult.fail(
              CheckId.ARTIFACT_DIGEST,
              "",
              ReasonCode.EVIDENCE_MALFORMED,
              "the envelope's payload is not a valid in-toto statement: " + e.describe()));
      return;
    }
    String tried = "";
    for (String alg : SUBJECT_ALGORITHMS) {
      boolean anySubjectUses =
          statement.subjects().stream().anyMatch(s -> s.digests().containsKey(alg));
      if (!anySubjectUses) {
        continue;
      }
      Optional<Digest> d = ctx.digest(alg);
      if (ctx.artifactError != null) {
        ctx.add(
            CheckResult.error(
                CheckId.ARTIFACT_DIGEST,
                "",
                ReasonCode.INPUT_UNREADABLE,
                "cannot read the artifact "
                    + ctx.artifact.describe()
                    + ": "
                    + ctx.artifactError.getMessage()));
        return;
      }
      if (d.isEmpty()) {
        continue;
      }
      tried = tried.isEmpty() ? d.get().toString() : tried + ", " + d.get();
      List<InTotoStatement.Subject> hits = statement.subjectsMatching(d.get());
      if (!hits.isEmpty()) {
        Map<String, String> ev = new LinkedHashMap<>();
        ev.put("artifact.digest", d.get().toString());
        ev.put("subject.name", hits.get(0).name());
        ev.put("predicateType", statement.predicateType());
        ctx.add(
            CheckResult.pass(
                CheckId.ARTIFACT_DIGEST,
                "",
                "in-toto subject '" + hits.get(0).name() + "' has the artifact's digest",
                ev));
        return;
      }
    }
    ctx.add(
        CheckResult.fail(
            CheckId.ARTIFACT_DIGEST,
            "",
            ReasonCode.SUBJECT_DIGEST_MISMATCH,
            "none of the statement's "
                + statement.subjects().size()
                + " subject(s) has the artifact's digest"
                + (tried.isEmpty() ? " (no comparable digest algorithm)" : " (" + tried + ")")));
  }

  /** Whether the bundle's signature verifies with {@code key} for this artifact. */
  static boolean signatureVerifies(VerificationContext ctx, VerificationKey key) {
    if (ctx.bundle.content() instanceof DsseEnvelope) {
      DsseEnvelope env = (DsseEnvelope) ctx.bundle.content();
      if (env.signatures().size() != 1) {
        return false;
      }
      return key.verifyMessage(env.pae(), defaultHash(key), env.signatures().get(0).sig());
    }
    MessageSignature ms = (MessageSignature) ctx.bundle.content();
    String alg = ms.digestAlgorithm().orElse(defaultHash(key).shortName());
    HashAlgorithm hash = HashAlgorithm.fromName(alg).orElse(HashAlgorithm.SHA2_256);
    if (key.supportsPrehashed()) {
      Optional<Digest> d = ctx.digest(alg);
      return d.isPresent() && key.verifyDigest(d.get().value(), hash, ms.signature());
    }
    try {
      Optional<byte[]> content = ctx.artifact.content();
      return content.isPresent() && key.verifyMessage(content.get(), hash, ms.signature());
    } catch (IOException e) {
      ctx.artifactError = e;
      return false;
    }
  }

  private static HashAlgorithm defaultHash(VerificationKey key) {
    return key == null
        ? HashAlgorithm.SHA2_256
        : key.algorithm() == KeyAlgorithm.ED25519
            ? HashAlgorithm.SHA2_512
            : key.algorithm().defaultHash();
  }
}
