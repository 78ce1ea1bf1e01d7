package dev.countersign.testkit;

import dev.countersign.testkit.bundle.Bundle;
import dev.countersign.testkit.bundle.BundleVersion;
import dev.countersign.testkit.bundle.MessageSignature;
import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.bundle.VerificationMaterial;
import dev.countersign.testkit.ca.IssuedCertificate;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.ca.TestCertificateAuthority;
import dev.countersign.testkit.dsse.DsseEnvelope;
import dev.countersign.testkit.dsse.InTotoStatement;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.rekor.TransparencyLog;
import dev.countersign.testkit.tsa.TestTimestampAuthority;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Signs artifacts and DSSE payloads the way a Sigstore client does, end to end: obtain a leaf from
 * the CA (or use a key), sign, log the entry, timestamp the signature, assemble the bundle.
 *
 * <p>Immutable; configure with the {@code with...} methods. Every instant defaults to the signing
 * time passed to {@link #signArtifact} or {@link #signDsse}, and can be moved separately to make
 * out-of-window evidence.
 */
public final class SigstoreSigner {
  /** Which Rekor v1 kind logs DSSE envelopes (Rekor v2 always uses {@code dsse 0.0.2}). */
  public enum DsseLogKind {
    DSSE,
    INTOTO
  }

  private final TestCertificateAuthority ca;
  private final LeafRequest identity;
  private final TestKeyPair key;
  private final String keyHint;
  private final TransparencyLog log;
  private final TestTimestampAuthority tsa;
  private final BundleVersion version;
  private final DsseLogKind dsseLogKind;
  private final Instant certificateNotBefore;
  private final Instant integratedTime;
  private final Instant timestampTime;

  private SigstoreSigner(
      TestCertificateAuthority ca,
      LeafRequest identity,
      TestKeyPair key,
      String keyHint,
      TransparencyLog log,
      TestTimestampAuthority tsa,
      BundleVersion version,
      DsseLogKind dsseLogKind,
      Instant certificateNotBefore,
      Instant integratedTime,
      Instant timestampTime) {
    this.ca = ca;
    this.identity = identity;
    this.key = key;
    this.keyHint = keyHint;
    this.log = log;
    this.tsa = tsa;
    this.version = version;
    this.dsseLogKind = dsseLogKind;
    this.certificateNotBefore = certificateNotBefore;
    this.integratedTime = integratedTime;
    this.timestampTime = timestampTime;
  }

  /** Keyless signing: each signature gets a fresh leaf from {@code ca} per {@code identity}. */
  public static SigstoreSigner keyless(TestCertificateAuthority ca, LeafRequest identity) {
    return new SigstoreSigner(
        Objects.requireNonNull(ca),
        Objects.requireNonNull(identity),
        null,
        null,
        null,
        null,
        BundleVersion.V0_3,
        DsseLogKind.DSSE,
        null,
        null,
        null);
  }

  /** Key-based signing: the bundle names the key by {@code hint}. */
  public static SigstoreSigner withKey(TestKeyPair key, String hint) {
    return new SigstoreSigner(
        null,
        null,
        Objects.requireNonNull(key),
        Objects.requireNonNull(hint),
        null,
        null,
        BundleVersion.V0_3,
        DsseLogKind.DSSE,
        null,
        null,
        null);
  }

  /** Logs signatures in {@code transparencyLog} (null: no tlog entry). */
  public SigstoreSigner withTransparencyLog(TransparencyLog transparencyLog) {
    return new SigstoreSigner(
        ca,
        identity,
        key,
        keyHint,
        transparencyLog,
        tsa,
        version,
        dsseLogKind,
        certificateNotBefore,
        integratedTime,
        timestampTime);
  }

  /** Timestamps signatures with {@code authority} (null: no timestamp). */
  public SigstoreSigner withTimestampAuthority(TestTimestampAuthority authority) {
    return new SigstoreSigner(
        ca,
        identity,
        key,
        keyHint,
        log,
        authority,
        version,
        dsseLogKind,
        certificateNotBefore,
        integratedTime,
        timestampTime);
  }

  /** Writes bundles of {@code bundleVersion} (default v0.3). */
  public SigstoreSigner withBundleVersion(BundleVersion bundleVersion) {
    return new SigstoreSigner(
        ca,
        identity,
        key,
        keyHint,
        log,
        tsa,
        bundleVersion,
        dsseLogKind,
        certificateNotBefore,
        integratedTime,
        timestampTime);
  }

  /** Logs DSSE envelopes in Rekor v1 as {@code kind}. */
  public SigstoreSigner withDsseLogKind(DsseLogKind kind) {
    return new SigstoreSigner(
        ca,
        identity,
        key,
        keyHint,
        log,
        tsa,
        version,
        kind,
        certificateNotBefore,
        integratedTime,
        timestampTime);
  }

  /** Issues leaves for a different identity. */
  public SigstoreSigner withIdentity(LeafRequest newIdentity) {
    return new SigstoreSigner(
        ca,
        newIdentity,
        key,
        keyHint,
        log,
        tsa,
        version,
        dsseLogKind,
        certificateNotBefore,
        integratedTime,
        timestampTime);
  }

  /** Starts leaf validity at {@code notBefore} instead of the signing time. */
  public SigstoreSigner withCertificateNotBefore(Instant notBefore) {
    return new SigstoreSigner(
        ca,
        identity,
        key,
        keyHint,
        log,
        tsa,
        version,
        dsseLogKind,
        notBefore,
        integratedTime,
        timestampTime);
  }

  /** Has Rekor v1 record {@code time} as the integrated time instead of the signing time. */
  public SigstoreSigner withIntegratedTime(Instant time) {
    return new SigstoreSigner(
        ca,
        identity,
        key,
        keyHint,
        log,
        tsa,
        version,
        dsseLogKind,
        certificateNotBefore,
        time,
        timestampTime);
  }

  /** Has the TSA write {@code time} as genTime instead of the signing time. */
  public SigstoreSigner withTimestampTime(Instant time) {
    return new SigstoreSigner(
        ca,
        identity,
        key,
        keyHint,
        log,
        tsa,
        version,
        dsseLogKind,
        certificateNotBefore,
        integratedTime,
        time);
  }

  /** Signs {@code artifact} (a {@code messageSignature} bundle) at {@code signingTime}. */
  public SignedBundle signArtifact(byte[] artifact, Instant signingTime) {
    Signer signer = signer(signingTime);
    HashAlgorithm hash = signer.key().algorithm().hashAlgorithm();
    byte[] digest = hash.digest(artifact);
    byte[] signature = signer.key().sign(artifact);
    TlogEntry entry =
        log == null
            ? null
            : RekorEntries.forMessage(
                log, signer, hash, digest, signature, time(integratedTime, signingTime));
    MessageSignature content = new MessageSignature(hash, Bytes.of(digest), Bytes.of(signature));
    Bundle bundle =
        new Bundle(
            version.mediaType(), material(signer, entry, signature, signingTime), content, null);
    return new SignedBundle(
        bundle,
        signer.key(),
        signer.certificate(),
        entry,
        firstTimestamp(bundle),
        Bytes.of(artifact),
        null);
  }

  /** Signs a DSSE envelope over {@code payload} at {@code signingTime}. */
  public SignedBundle signDsse(String payloadType, byte[] payload, Instant signingTime) {
    Signer signer = signer(signingTime);
    DsseEnvelope envelope = DsseEnvelope.sign(payloadType, payload, signer.key());
    byte[] signature = envelope.firstSignature().toByteArray();
    TlogEntry entry =
        log == null
            ? null
            : RekorEntries.forDsse(
                log, signer, envelope, dsseLogKind, time(integratedTime, signingTime));
    Bundle bundle =
        new Bundle(
            version.mediaType(), material(signer, entry, signature, signingTime), null, envelope);
    return new SignedBundle(
        bundle, signer.key(), signer.certificate(), entry, firstTimestamp(bundle), null, envelope);
  }

  /** Signs an in-toto Statement as a DSSE attestation at {@code signingTime}. */
  public SignedBundle attest(InTotoStatement statement, Instant signingTime) {
    return signDsse(InTotoStatement.PAYLOAD_TYPE, statement.toBytes(), signingTime);
  }

  private Signer signer(Instant signingTime) {
    if (ca == null) {
      return new Signer(key, null);
    }
    IssuedCertificate leaf = ca.issueLeaf(identity, time(certificateNotBefore, signingTime));
    return new Signer(leaf.keyPair(), leaf);
  }

  private VerificationMaterial material(
      Signer signer, TlogEntry entry, byte[] signature, Instant signingTime) {
    VerificationMaterial material;
    if (signer.certificate() == null) {
      material = VerificationMaterial.ofPublicKey(keyHint);
    } else if (version.usesSingleCertificate()) {
      material = VerificationMaterial.ofCertificate(signer.certificate().der());
    } else {
      material = VerificationMaterial.ofChain(List.of(signer.certificate().der()));
    }
    if (entry != null) {
      // v0.1 bundles predate inclusion proofs; they carry the promise alone.
      TlogEntry written = version.isV01() ? entry.withInclusionProof(null) : entry;
      material = material.withTlogEntries(List.of(written));
    }
    if (tsa != null) {
      Bytes timestamp = tsa.timestamp(signature, time(timestampTime, signingTime));
      material = material.withRfc3161Timestamps(List.of(timestamp));
    }
    return material;
  }

  private static Bytes firstTimestamp(Bundle bundle) {
    List<Bytes> timestamps = bundle.verificationMaterial().rfc3161Timestamps();
    return timestamps.isEmpty() ? null : timestamps.get(0);
  }

  private static Instant time(Instant override, Instant signingTime) {
    return override != null ? override : signingTime;
  }

  /** The signing key and, for keyless signing, the leaf certifying it. */
  record Signer(TestKeyPair key, IssuedCertificate certificate) {}
}
