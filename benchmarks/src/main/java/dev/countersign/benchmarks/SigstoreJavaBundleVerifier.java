package dev.countersign.benchmarks;

import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.sigstore.strings.StringMatcher;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * sigstore-java's {@link KeylessVerifier} as its users call it: parse the bundle, then verify it
 * against an artifact digest and a certificate identity. Offline: the trusted root is given as JSON
 * instead of being fetched over TUF.
 */
public final class SigstoreJavaBundleVerifier implements BundleVerifier {
  private final KeylessVerifier verifier;
  private final VerificationOptions options;

  public SigstoreJavaBundleVerifier(KeylessVerifier verifier, String san, String issuer) {
    this.verifier = verifier;
    this.options =
        VerificationOptions.builder()
            .addCertificateMatchers(
                CertificateMatcher.fulcio()
                    .subjectAlternativeName(StringMatcher.string(san))
                    .issuer(StringMatcher.string(issuer))
                    .build())
            .build();
  }

  /** A {@link KeylessVerifier} for a trusted_root.json document. */
  public static KeylessVerifier keylessVerifier(byte[] trustedRootJson) throws Exception {
    byte[] json = trustedRootJson.clone();
    return KeylessVerifier.builder()
        .trustedRootProvider(() -> SigstoreTrustedRoot.from(new ByteArrayInputStream(json)))
        .build();
  }

  /** A verifier for a trusted_root.json document and one signer. */
  public static SigstoreJavaBundleVerifier of(byte[] trustedRootJson, String san, String issuer)
      throws Exception {
    return new SigstoreJavaBundleVerifier(keylessVerifier(trustedRootJson), san, issuer);
  }

  @Override
  public Bundle verify(byte[] bundleJson, byte[] sha256) throws VerificationFailedException {
    try {
      Bundle bundle =
          Bundle.from(
              new InputStreamReader(new ByteArrayInputStream(bundleJson), StandardCharsets.UTF_8));
      verifier.verify(sha256, bundle, options);
      return bundle;
    } catch (BundleParseException | KeylessVerificationException e) {
      throw new VerificationFailedException(e.getMessage(), e);
    }
  }
}
