package dev.countersign.verify.internal.bundle;

import dev.countersign.verify.Artifact;
import dev.countersign.verify.Digest;
import dev.countersign.verify.bundle.SigstoreBundle;
import dev.countersign.verify.internal.crypto.VerificationKey;
import dev.countersign.verify.internal.tlog.SignerMaterial;
import dev.countersign.verify.internal.trust.ParsedTrustRoot;
import dev.countersign.verify.internal.x509.ChainValidation;
import dev.countersign.verify.internal.x509.ParsedCertificate;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.verdict.CheckResult;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The state of one bundle verification, shared by its check groups. Not thread-safe. */
final class VerificationContext {
  final SigstoreBundle bundle;
  final ParsedTrustRoot root;
  final Artifact artifact;
  final List<Authority> authorities;
  final Instant now;
  final VerifierSettings settings;
  final List<CheckResult> checks = new ArrayList<>();

  /** Verified signing times (TSA timestamps, log integration times with a verified SET). */
  final List<SigningTime> signingTimes = new ArrayList<>();

  /** The leaf certificate, for certificate bundles. */
  ParsedCertificate leaf;

  /** The key the signature is checked with (certificate key or an authority's key). */
  VerificationKey signerKey;

  /** What log entries must record as the signer. */
  SignerMaterial signerMaterial;

  /** The key authority whose key signed a key-based bundle, if any. */
  Authority.PublicKey keyAuthority;

  /** The chain validation result, when one was found. */
  ChainValidation chain;

  /** Set when the artifact could not be read; the failure is already reported. */
  IOException artifactError;

  VerificationContext(
      SigstoreBundle bundle,
      ParsedTrustRoot root,
      Artifact artifact,
      List<Authority> authorities,
      Instant now,
      VerifierSettings settings) {
    this.bundle = bundle;
    this.root = root;
    this.artifact = artifact;
    this.authorities = authorities;
    this.now = now;
    this.settings = settings;
  }

  /** A verified signing time and where it came from. */
  record SigningTime(Instant time, String source) {}

  void add(CheckResult result) {
    checks.add(result);
  }

  /** The artifact digest for an algorithm; empty if unknown or unreadable (already reported). */
  Optional<Digest> digest(String algorithm) {
    try {
      return artifact.digest(algorithm);
    } catch (IOException e) {
      artifactError = e;
      return Optional.empty();
    }
  }

  <T extends Authority> List<T> authoritiesOf(Class<T> type) {
    return authorities.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
