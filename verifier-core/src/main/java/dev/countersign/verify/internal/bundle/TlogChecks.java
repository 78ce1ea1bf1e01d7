package dev.countersign.verify.internal.bundle;

import dev.countersign.verify.bundle.InclusionProof;
import dev.countersign.verify.bundle.TransparencyLogEntry;
import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.tlog.Checkpoint;
import dev.countersign.verify.internal.tlog.EntryBodyMatcher;
import dev.countersign.verify.internal.tlog.MerkleInclusion;
import dev.countersign.verify.internal.tlog.SignedEntryTimestamps;
import dev.countersign.verify.internal.trust.LogAuthority;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies transparency log entries: the log is trusted, the entry records this signature, and its
 * inclusion is proven by a signed entry timestamp and/or an inclusion proof to a signed checkpoint.
 */
final class TlogChecks {
  private TlogChecks() {}

  /**
   * Checks every entry; returns the entries whose log key validity must be checked at the signing
   * times.
   */
  static Map<TransparencyLogEntry, LogAuthority> verifyEntries(VerificationContext ctx) {
    List<TransparencyLogEntry> entries = ctx.bundle.tlogEntries();
    Map<TransparencyLogEntry, LogAuthority> pending = new IdentityHashMap<>();
    if (entries.isEmpty()) {
      if (ctx.root.transparencyLogs().isEmpty()) {
        ctx.add(
            CheckResult.skipped(
                CheckId.TLOG_ENTRY,
                "",
                "trust root '" + ctx.root.name() + "' declares no transparency log"));
      } else if (ctx.keyAuthority != null && ctx.keyAuthority.ignoresTransparencyLog()) {
        ctx.add(
            CheckResult.skipped(
                CheckId.TLOG_ENTRY,
                "",
                "no transparency log entry, accepted only because authority '"
                    + ctx.keyAuthority.name()
                    + "' allows unlogged signatures (insecure)"));
      } else if (!ctx.settings.transparencyLogRequired()) {
        ctx.add(
            CheckResult.skipped(
                CheckId.TLOG_ENTRY,
                "",
                "no transparency log entry, accepted only because this verifier allows missing log"
                    + " entries (insecure)"));
      } else {
        ctx.add(
            CheckResult.fail(
                CheckId.TLOG_ENTRY,
                "",
                ReasonCode.TLOG_ENTRY_MISSING,
                "the bundle has no transparency log entry"));
      }
      return pending;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      TransparencyLogEntry e = entries.get(i);
      String target = "tlogEntries[" + i + "]";
      if (!seen.add(HexFormat.of().formatHex(e.logId()) + "/" + e.logIndex())) {
        ctx.add(
            CheckResult.fail(
                CheckId.TLOG_ENTRY,
                target,
                ReasonCode.EVIDENCE_MALFORMED,
                "the same log entry appears twice"));
        continue;
      }
      Optional<LogAuthority> log = ctx.root.transparencyLog(e.logId());
      if (log.isEmpty()) {
        ctx.add(
            CheckResult.fail(
                CheckId.TLOG_ENTRY,
                target,
                ReasonCode.TLOG_UNTRUSTED,
                "log "
                    + Base64.getEncoder().encodeToString(e.logId())
                    + " is not in trust root '"
                    + ctx.root.name()
                    + "'"));
        continue;
      }
      verifyEntry(ctx, e, log.get(), target, pending);
    }
    return pending;
  }

  private static void verifyEntry(
      VerificationContext ctx,
      TransparencyLogEntry e,
      LogAuthority log,
      String target,
      Map<TransparencyLogEntry, LogAuthority> pending) {
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("tlog.url", log.baseUrl());
    ev.put("tlog.logIndex", Long.toString(e.logIndex()));
    ev.put("tlog.kind", e.kindAndVersion());
    if (ctx.signerMaterial == null) {
      ctx.add(
          CheckResult.skipped(CheckId.TLOG_BODY, target, "no signer to compare the entry with"));
    } else {
      Optional<EntryBodyMatcher.Problem> problem =
          EntryBodyMatcher.check(e, ctx.bundle.content(), ctx.signerMaterial, ctx::digest);
      if (problem.isPresent()) {
        ctx.add(
            CheckResult.fail(
                CheckId.TLOG_BODY, target, problem.get().reason(), problem.get().detail(), ev));
      } else {
        ctx.add(
            CheckResult.pass(
                CheckId.TLOG_BODY,
                target,
                "the " + e.kindAndVersion() + " entry records this signature, signer and artifact",
                ev));
      }
    }
    boolean timeVerified = false;
    if (e.signedEntryTimestamp().isPresent()) {
      Instant integrated = Instant.ofEpochSecond(e.integratedTime());
      if (!SignedEntryTimestamps.verify(e, log)) {
        ctx.add(
            CheckResult.fail(
                CheckId.TLOG_SET,
                target,
                ReasonCode.TLOG_SET_INVALID,
                "the signed entry timestamp does not verify with the key of " + log.baseUrl()));
      } else if (!log.validFor().contains(integrated)) {
        ctx.add(
            CheckResult.fail(
                CheckId.TLOG_SET,
                target,
                ReasonCode.TLOG_UNTRUSTED,
                "the trust root trusts "
                    + log.baseUrl()
                    + " for "
                    + log.validFor()
                    + ", not at the integrated time "
                    + integrated));
      } else {
        timeVerified = true;
        ctx.signingTimes.add(
            new VerificationContext.SigningTime(
                integrated, log.baseUrl() + " entry " + e.logIndex()));
        ctx.add(
            CheckResult.pass(
                CheckId.TLOG_SET,
                target,
                "the log promised inclusion at " + integrated,
                Map.of("tlog.integratedTime", integrated.toString())));
      }
    }
    if (e.inclusionProof().isPresent()) {
      verifyInclusion(ctx, e, e.inclusionProof().get(), log, target);
    } else {
      ctx.add(
          CheckResult.skipped(
              CheckId.TLOG_INCLUSION,
              target,
              "no inclusion proof; inclusion rests on the signed entry timestamp"));
    }
    if (!timeVerified) {
      pending.put(e, log);
    }
  }

  private static void verifyInclusion(
      VerificationContext ctx,
      TransparencyLogEntry e,
      InclusionProof proof,
      LogAuthority log,
      String target) {
    if (isRekorV2(e) && e.logIndex() != proof.logIndex()) {
      // Rekor v2 logs are not sharded: the entry's index is its index in the proven tree. Nothing
      // but the proof authenticates it, so a different value is a contradiction, not metadata.
      ctx.add(
          CheckResult.fail(
              CheckId.TLOG_INCLUSION,
              target,
              ReasonCode.TLOG_ENTRY_INVALID,
              "the entry says log index "
                  + e.logIndex()
                  + " but its inclusion proof is for index "
                  + proof.logIndex()));
      return;
    }
    Checkpoint cp;
    try {
      cp = Checkpoint.parse(proof.checkpoint());
    } catch (IllegalArgumentException ex) {
      ctx.add(
          CheckResult.fail(
              CheckId.TLOG_INCLUSION,
              target,
              ReasonCode.TLOG_CHECKPOINT_INVALID,
              "malformed checkpoint: " + ex.getMessage()));
      return;
    }
    boolean signed = false;
    for (Checkpoint.NoteSignature s : cp.signatures()) {
      // Other signatures (witness cosignatures) are ignored; one must be the log's.
      if (log.matchesKeyHint(s.keyHint())
          && log.matchesSignerName(s.name())
          && log.key().verifyMessage(cp.body(), HashAlgorithm.SHA2_256, s.signature())) {
        signed = true;
        break;
      }
    }
    if (!signed) {
      ctx.add(
          CheckResult.fail(
              CheckId.TLOG_INCLUSION,
              target,
              ReasonCode.TLOG_CHECKPOINT_INVALID,
              "the checkpoint carries no valid signature of " + log.baseUrl()));
      return;
    }
    if (cp.treeSize() != proof.treeSize()
        || !MessageDigest.isEqual(cp.rootHash(), proof.rootHash())) {
      ctx.add(
          CheckResult.fail(
              CheckId.TLOG_INCLUSION,
              target,
              ReasonCode.TLOG_CHECKPOINT_INVALID,
              "the signed checkpoint (size "
                  + cp.treeSize()
                  + ") is not for the proof's tree (size "
                  + proof.treeSize()
                  + ") and root hash"));
      return;
    }
    byte[] root;
    try {
      root =
          MerkleInclusion.rootFromProof(
              MerkleInclusion.leafHash(e.canonicalizedBody()),
              proof.logIndex(),
              proof.treeSize(),
              proof.hashes());
    } catch (IllegalArgumentException ex) {
      ctx.add(
          CheckResult.fail(
              CheckId.TLOG_INCLUSION,
              target,
              ReasonCode.TLOG_INCLUSION_PROOF_INVALID,
              "the inclusion proof is malformed: " + ex.getMessage()));
      return;
    }
    if (!MessageDigest.isEqual(root, proof.rootHash())) {
      ctx.add(
          CheckResult.fail(
              CheckId.TLOG_INCLUSION,
              target,
              ReasonCode.TLOG_INCLUSION_PROOF_INVALID,
              "the inclusion proof does not lead to the checkpoint's root hash"));
      return;
    }
    ctx.add(
        CheckResult.pass(
            CheckId.TLOG_INCLUSION,
            target,
            "included at index "
                + proof.logIndex()
                + " of a tree of "
                + proof.treeSize()
                + " entries, checkpoint signed by "
                + log.baseUrl(),
            Map.of(
                "tlog.treeSize",
                Long.toString(proof.treeSize()),
                "tlog.checkpointOrigin",
                cp.origin())));
  }

  private static boolean isRekorV2(TransparencyLogEntry e) {
    String kv = e.kindAndVersion();
    return kv.equals("hashedrekord/0.0.2") || kv.equals("dsse/0.0.2");
  }

  /**
   * Entries without a verified integration time (Rekor v2, or v1 entries with only a proof) are
   * trusted only if the root trusted their log at every verified signing time.
   */
  static void checkLogValidity(
      VerificationContext ctx, Map<TransparencyLogEntry, LogAuthority> pending) {
    List<TransparencyLogEntry> entries = ctx.bundle.tlogEntries();
    for (int i = 0; i < entries.size(); i++) {
      LogAuthority log = pending.get(entries.get(i));
      if (log == null) {
        continue;
      }
      for (VerificationContext.SigningTime t : ctx.signingTimes) {
        if (!log.validFor().contains(t.time())) {
          ctx.add(
              CheckResult.fail(
                  CheckId.TLOG_ENTRY,
                  "tlogEntries[" + i + "]",
                  ReasonCode.TLOG_UNTRUSTED,
                  "the trust root trusts "
                      + log.baseUrl()
                      + " for "
                      + log.validFor()
                      + ", not at the signing time "
                      + t.time()));
          break;
        }
      }
    }
  }
}
