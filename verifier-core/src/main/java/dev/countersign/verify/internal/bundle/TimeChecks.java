package dev.countersign.verify.internal.bundle;

import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.bundle.MessageSignature;
import dev.countersign.verify.internal.tsa.TimestampVerifier;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 3161 timestamps, and the signing time the certificate and log checks rely on. */
final class TimeChecks {
  private TimeChecks() {}

  static void verifyTimestamps(VerificationContext ctx) {
    List<byte[]> stamps = ctx.bundle.rfc3161Timestamps();
    byte[] signature = signatureBytes(ctx);
    for (int i = 0; i < stamps.size(); i++) {
      String target = "rfc3161Timestamps[" + i + "]";
      boolean duplicate = false;
      for (int j = 0; j < i; j++) {
        duplicate |= Arrays.equals(stamps.get(i), stamps.get(j));
      }
      if (duplicate) {
        ctx.add(
            CheckResult.fail(
                CheckId.RFC3161_TIMESTAMP,
                target,
                ReasonCode.EVIDENCE_MALFORMED,
                "the same timestamp appears twice"));
        continue;
      }
      TimestampVerifier.Result r =
          TimestampVerifier.verify(stamps.get(i), signature, ctx.root.timestampAuthorities());
      if (r.verified()) {
        ctx.signingTimes.add(
            new VerificationContext.SigningTime(r.time(), "RFC 3161 timestamp " + i));
        ctx.add(
            CheckResult.pass(
                CheckId.RFC3161_TIMESTAMP,
                target,
                r.detail(),
                Map.of("timestamp.time", r.time().toString())));
      } else {
        ctx.add(
            CheckResult.fail(
                CheckId.RFC3161_TIMESTAMP, target, ReasonCode.TIMESTAMP_INVALID, r.detail()));
      }
    }
  }

  /**
   * There must be at least one verified signing time, and none in the future; a signature by a
   * configured key needs none.
   */
  static void checkSigningTime(VerificationContext ctx) {
    if (ctx.signingTimes.isEmpty() && ctx.keyAuthority != null) {
      // Why: the time exists to place the signature inside a certificate's short validity. A key
      // the verifier was given has no validity period, so nothing depends on when it signed; the
      // log entry (when there is one) was checked on its own, by inclusion proof or promise.
      ctx.add(
          CheckResult.skipped(
              CheckId.SIGNING_TIME,
              "",
              ctx.bundle.tlogEntries().isEmpty()
                  ? "an unlogged key-based signature has no verified signing time"
                  : "a key-based signature needs no signing time, and the log entry gives none"
                      + " (no signed entry timestamp)"));
      return;
    }
    if (ctx.signingTimes.isEmpty()) {
      ctx.add(
          CheckResult.fail(
              CheckId.SIGNING_TIME,
              "",
              ReasonCode.TIMESTAMP_MISSING,
              "no verified signing time: the bundle needs a log entry with a valid signed entry timestamp"
                  + " or a valid RFC 3161 timestamp"));
      return;
    }
    Instant latestAllowed = ctx.now.plus(ctx.settings.clockSkew());
    for (VerificationContext.SigningTime t : ctx.signingTimes) {
      if (t.time().isAfter(latestAllowed)) {
        ctx.add(
            CheckResult.fail(
                CheckId.SIGNING_TIME,
                "",
                ReasonCode.SIGNING_TIME_IN_FUTURE,
                t.source() + " says " + t.time() + ", which is after the current time " + ctx.now));
        return;
      }
    }
    Instant earliest =
        ctx.signingTimes.stream()
            .map(VerificationContext.SigningTime::time)
            .min(Comparator.naturalOrder())
            .orElseThrow();
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("signingTime", earliest.toString());
    ev.put("signingTime.sources", Integer.toString(ctx.signingTimes.size()));
    ctx.add(
        CheckResult.pass(
            CheckId.SIGNING_TIME,
            "",
            "signed at "
                + earliest
                + " ("
                + ctx.signingTimes.size()
                + " verified time source"
                + (ctx.signingTimes.size() == 1 ? ")" : "s)"),
            ev));
  }

  /** The bytes RFC 3161 timestamps cover: the artifact signature or the envelope signature. */
  private static byte[] signatureBytes(VerificationContext ctx) {
    if (ctx.bundle.content() instanceof MessageSignature) {
      return ((MessageSignature) ctx.bundle.content()).signature();
    }
    DsseEnvelope env = (DsseEnvelope) ctx.bundle.content();
    return env.signatures().get(0).sig();
  }
}
