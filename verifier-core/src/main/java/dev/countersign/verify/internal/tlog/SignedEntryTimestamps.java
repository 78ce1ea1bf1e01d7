package dev.countersign.verify.internal.tlog;

import dev.countersign.verify.bundle.TransparencyLogEntry;
import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.trust.LogAuthority;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** Rekor v1 signed entry timestamps (inclusion promises). */
public final class SignedEntryTimestamps {
  private SignedEntryTimestamps() {}

  /**
   * The payload Rekor signs: RFC 8785 canonical JSON of body, integratedTime, logID and logIndex.
   * The four keys are fixed and the values are base64, hex and integers, so canonical form is a
   * fixed template with keys in sorted order.
   */
  public static byte[] payload(TransparencyLogEntry entry) {
    String json =
        "{\"body\":\""
            + Base64.getEncoder().encodeToString(entry.canonicalizedBody())
            + "\",\"integratedTime\":"
            + entry.integratedTime()
            + ",\"logID\":\""
            + HexFormat.of().formatHex(entry.logId())
            + "\",\"logIndex\":"
            + entry.logIndex()
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  public static boolean verify(TransparencyLogEntry entry, LogAuthority log) {
    byte[] set = entry.signedEntryTimestamp().orElse(null);
    return set != null && log.key().verifyMessage(payload(entry), HashAlgorithm.SHA2_256, set);
  }
}
