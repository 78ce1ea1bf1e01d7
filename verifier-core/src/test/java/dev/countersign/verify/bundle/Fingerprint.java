package dev.countersign.verify.bundle;

import dev.countersign.verify.attest.DsseEnvelope;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A digest over every field of a parsed bundle that verification relies on, to tell
 * meaning-preserving mutations apart. Left out: the message digest (informational; the verifier
 * digests the artifact itself), an integrated time no SET signs (never trusted), and the unsigned
 * parts of RFC 3161 responses (their signed TSTInfo is included instead).
 */
final class Fingerprint {
  private Fingerprint() {}

  static String of(SigstoreBundle b) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    add(md, b.version().name());
    if (b.verificationMaterial() instanceof VerificationMaterial.Certificates) {
      for (byte[] c :
          ((VerificationMaterial.Certificates) b.verificationMaterial()).certificates()) {
        add(md, c);
      }
    } else {
      add(md, ((VerificationMaterial.PublicKeyHint) b.verificationMaterial()).hint());
    }
    for (TransparencyLogEntry e : b.tlogEntries()) {
      add(md, e.logIndex() + "/" + e.kindAndVersion());
      if (e.signedEntryTimestamp().isPresent()) {
        add(md, Long.toString(e.integratedTime()));
      }
      add(md, e.logId());
      add(md, e.canonicalizedBody());
      e.signedEntryTimestamp().ifPresent(s -> add(md, s));
      e.inclusionProof()
          .ifPresent(
              p -> {
                add(md, p.logIndex() + "/" + p.treeSize() + "/" + p.checkpoint());
                add(md, p.rootHash());
                p.hashes().forEach(h -> add(md, h));
              });
    }
    for (byte[] t : b.rfc3161Timestamps()) {
      add(
          md,
          new org.bouncycastle.tsp.TimeStampResponse(t)
              .getTimeStampToken()
              .getTimeStampInfo()
              .getEncoded());
    }
    if (b.content() instanceof MessageSignature) {
      MessageSignature m = (MessageSignature) b.content();
      add(md, m.signature());
    } else {
      DsseEnvelope env = (DsseEnvelope) b.content();
      add(md, env.payloadType());
      add(md, env.payload());
      env.signatures().forEach(s -> add(md, s.sig()));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void add(MessageDigest md, String s) {
    add(md, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static void add(MessageDigest md, byte[] b) {
    md.update(Integer.toString(b.length).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    md.update((byte) ':');
    md.update(b);
  }
}
