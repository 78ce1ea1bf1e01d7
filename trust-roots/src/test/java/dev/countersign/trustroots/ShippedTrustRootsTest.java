package dev.countersign.trustroots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.trust.TrustedService;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped roots parse, match the digests recorded in the README, and are not near expiry. */
class ShippedTrustRootsTest {
  /** sha256 of trusted_root.json as shipped in @sigstore/tuf 5.0.1 seeds.json (see README). */
  static final String PUBLIC_GOOD_SHA256 =
      "6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66";

  /** sha256 of the TUF root.json v16 from the same package. */
  static final String TUF_ROOT_SHA256 =
      "27aea7e372aa7864065174f0661784fcf8b0e28b1dbfebeada31a0f1fb19167f";

  static final Duration WARN_WINDOW = Duration.ofDays(90);

  @Test
  void publicGoodRootLoadsFromTheClasspathWithItsRecordedDigest() throws Exception {
    TrustRoot root = TrustRoots.publicGood();
    assertThat(root.name()).isEqualTo("public-good");
    assertThat(root.revision()).isEqualTo("sha256:" + PUBLIC_GOOD_SHA256);
    List<TrustedService> services = root.services();
    assertThat(services)
        .extracting(TrustedService::kind)
        .contains(
            TrustedService.Kind.CERTIFICATE_AUTHORITY,
            TrustedService.Kind.TRANSPARENCY_LOG,
            TrustedService.Kind.CT_LOG,
            TrustedService.Kind.TIMESTAMP_AUTHORITY);
    assertThat(services)
        .extracting(TrustedService::uri)
        .contains(
            "https://fulcio.sigstore.dev",
            "https://rekor.sigstore.dev",
            "https://log2025-1.rekor.sigstore.dev",
            "https://timestamp.sigstore.dev/api/v1/timestamp");
    warnAboutExpiry(services);
  }

  @Test
  void someServiceOfEachKindIsCurrentlyTrusted() {
    Instant now = Instant.now();
    List<TrustedService> services = TrustRoots.publicGood().services();
    for (TrustedService.Kind kind :
        List.of(
            TrustedService.Kind.CERTIFICATE_AUTHORITY,
            TrustedService.Kind.TRANSPARENCY_LOG,
            TrustedService.Kind.CT_LOG)) {
      assertThat(services.stream().filter(s -> s.kind() == kind).anyMatch(s -> s.validAt(now)))
          .as("a current %s in the public-good root", kind)
          .isTrue();
    }
  }

  @Test
  void tufRootMatchesItsRecordedDigestAndWarnsBeforeExpiry() throws Exception {
    byte[] bytes;
    try (InputStream in =
        getClass().getResourceAsStream("/dev/countersign/trust-roots/public-good/tuf-root.json")) {
      assertThat(in).isNotNull();
      bytes = in.readAllBytes();
    }
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertThat(sha).isEqualTo(TUF_ROOT_SHA256);
    JsonNode signed = new ObjectMapper().readTree(bytes).get("signed");
    assertThat(signed.get("_type").asText()).isEqualTo("root");
    Instant expires = Instant.parse(signed.get("expires").asText());
    if (expires.isBefore(Instant.now().plus(WARN_WINDOW))) {
      System.out.println(
          "WARNING: the shipped TUF root (version "
              + signed.get("version")
              + ") expires "
              + expires
              + ": refresh trust-roots/ from a newer @sigstore/tuf release");
    }
  }

  private static void warnAboutExpiry(List<TrustedService> services) {
    Instant soon = Instant.now().plus(WARN_WINDOW);
    for (TrustedService s : services) {
      s.validUntil()
          .filter(end -> end.isAfter(Instant.now()) && end.isBefore(soon))
          .ifPresent(
              end ->
                  System.out.println(
                      "WARNING: trust root service " + s.uri() + " stops being trusted at " + end));
    }
  }
}
