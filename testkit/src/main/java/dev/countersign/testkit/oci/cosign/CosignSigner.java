package dev.countersign.testkit.oci.cosign;

import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.ca.IssuedCertificate;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.ca.TestCertificateAuthority;
import dev.countersign.testkit.dsse.DsseEnvelope;
import dev.countersign.testkit.dsse.DsseSignature;
import dev.countersign.testkit.dsse.InTotoStatement;
import dev.countersign.testkit.dsse.Pae;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Pem;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.rekor.RekorBodies;
import dev.countersign.testkit.rekor.RekorBody;
import dev.countersign.testkit.rekor.TestRekorV1Log;
import dev.countersign.testkit.tsa.TestTimestampAuthority;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Signs images and attests statements as {@code cosign sign} and {@code cosign attest} do: keyless
 * (a fresh leaf per signature from the CA, cosign's certificate and chain annotations) or with a
 * key, optionally logged in a Rekor v1 log (a real signed entry timestamp in the Rekor bundle
 * annotation) and timestamped by a TSA.
 *
 * <p>cosign always hashes with SHA-256 (its spec pins the registry's digest algorithm), so ECDSA
 * and RSA keys sign with SHA-256 whatever their size; Ed25519 signs the message itself.
 *
 * <p>Immutable; every signing instant is passed in.
 */
public final class CosignSigner {
  private final TestCertificateAuthority ca;
  private final LeafRequest identity;
  private final TestKeyPair key;
  private final TestRekorV1Log rekor;
  private final TestTimestampAuthority tsa;
  private final AttestationLogKind attestationLogKind;
  private final boolean chainAnnotation;

  private CosignSigner(
      TestCertificateAuthority ca,
      LeafRequest identity,
      TestKeyPair key,
      TestRekorV1Log rekor,
      TestTimestampAuthority tsa,
      AttestationLogKind attestationLogKind,
      boolean chainAnnotation) {
    this.ca = ca;
    this.identity = identity;
    this.key = key;
    this.rekor = rekor;
    this.tsa = tsa;
    this.attestationLogKind = attestationLogKind;
    this.chainAnnotation = chainAnnotation;
  }

  /** Keyless signing against {@code sigstore}'s CA, logged in its Rekor v1 log. */
  public static CosignSigner keyless(TestSigstore sigstore, LeafRequest identity) {
    return keyless(sigstore.ca(), identity).withRekor(sigstore.rekorV1());
  }

  /** Keyless signing against {@code ca}, not logged. */
  public static CosignSigner keyless(TestCertificateAuthority ca, LeafRequest identity) {
    return new CosignSigner(
        Objects.requireNonNull(ca),
        Objects.requireNonNull(identity),
        null,
        null,
        null,
        AttestationLogKind.INTOTO_V001,
        true);
  }

  /** Signing with {@code key} ({@code cosign sign --key}), not logged. */
  public static CosignSigner withKey(TestKeyPair key) {
    return new CosignSigner(
        null, null, Objects.requireNonNull(key), null, null, AttestationLogKind.INTOTO_V001, false);
  }

  /** Logs in {@code log} (null: no Rekor bundle, as with {@code --tlog-upload=false}). */
  public CosignSigner withRekor(TestRekorV1Log log) {
    return new CosignSigner(ca, identity, key, log, tsa, attestationLogKind, chainAnnotation);
  }

  /** Timestamps with {@code authority} (null: no timestamp annotation). */
  public CosignSigner withTimestampAuthority(TestTimestampAuthority authority) {
    return new CosignSigner(
        ca, identity, key, rekor, authority, attestationLogKind, chainAnnotation);
  }

  /** Logs attestations as {@code kind} (default {@code intoto 0.0.1}). */
  public CosignSigner withAttestationLogKind(AttestationLogKind kind) {
    return new CosignSigner(
        ca, identity, key, rekor, tsa, Objects.requireNonNull(kind), chainAnnotation);
  }

  /** Omits the chain annotation on keyless layers (the verifier must find the chain itself). */
  public CosignSigner withoutChain() {
    return new CosignSigner(ca, identity, key, rekor, tsa, attestationLogKind, false);
  }

  /** Signs cosign's payload for {@code dockerReference} at {@code imageDigest}. */
  public CosignSignature sign(String dockerReference, Digest imageDigest, Instant signingTime) {
    return sign(SimpleSigningPayload.of(dockerReference, imageDigest), signingTime);
  }

  /** Signs {@code payload} at {@code signingTime}. */
  public CosignSignature sign(SimpleSigningPayload payload, Instant signingTime) {
    return sign(payload.toBytes(), signingTime);
  }

  /** Signs arbitrary payload bytes (for payloads cosign would never write). */
  public CosignSignature sign(Bytes payload, Instant signingTime) {
    Material material = material(signingTime);
    byte[] signature = material.key().sign(payload.toByteArray(), HashAlgorithm.SHA2_256);
    RekorBundle bundle = null;
    if (rekor != null) {
      RekorBody body =
          RekorBodies.hashedRekordV001(
              HashAlgorithm.SHA2_256,
              HashAlgorithm.SHA2_256.digest(payload.toByteArray()),
              signature,
              material.verifierPem());
      bundle = RekorBundle.of(rekor.append(body, signingTime));
    }
    Bytes timestamp = tsa == null ? null : tsa.timestamp(signature, signingTime);
    return new CosignSignature(
        payload,
        Bytes.of(signature),
        material.certificatePem(),
        material.chainPem(),
        bundle,
        timestamp,
        material.key());
  }

  /** Attests {@code statement} (serialized as cosign does) at {@code signingTime}. */
  public CosignAttestation attest(InTotoStatement statement, Instant signingTime) {
    Material material = material(signingTime);
    Bytes payload = CosignStatements.toBytes(statement);
    byte[] pae = Pae.encode(MediaTypes.IN_TOTO, payload.toByteArray());
    Bytes signature = Bytes.of(material.key().sign(pae, HashAlgorithm.SHA2_256));
    DsseEnvelope envelope =
        new DsseEnvelope(MediaTypes.IN_TOTO, payload, List.of(new DsseSignature("", signature)));
    Bytes envelopeBytes = CosignAttestation.serialize(envelope);
    RekorBundle bundle = null;
    if (rekor != null) {
      List<String> pems = List.of(material.verifierPem());
      RekorBody body =
          switch (attestationLogKind) {
            case INTOTO_V001 -> IntotoV001Body.of(envelopeBytes, payload, material.verifierPem());
            case INTOTO_V002 -> RekorBodies.intotoV002(envelope, pems);
            case DSSE_V001 -> RekorBodies.dsseV001(envelope, pems);
          };
      bundle = RekorBundle.of(rekor.append(body, signingTime));
    }
    // cosign timestamps what the layer carries: for an attestation, the envelope bytes.
    Bytes timestamp = tsa == null ? null : tsa.timestamp(envelopeBytes.toByteArray(), signingTime);
    return new CosignAttestation(
        envelopeBytes,
        statement.predicateType(),
        material.certificatePem(),
        material.chainPem(),
        bundle,
        timestamp,
        material.key());
  }

  private Material material(Instant signingTime) {
    if (ca == null) {
      return new Material(key, null, null, key.publicKeyPem());
    }
    IssuedCertificate leaf = ca.issueLeaf(identity, signingTime);
    StringBuilder chain = new StringBuilder();
    leaf.issuerChain().forEach(c -> chain.append(Pem.certificate(c)));
    return new Material(
        leaf.keyPair(), leaf.pem(), chainAnnotation ? chain.toString() : null, leaf.pem());
  }

  /** The signing key and what the layer and the log say about it. */
  private record Material(
      TestKeyPair key, String certificatePem, String chainPem, String verifierPem) {}
}
