package dev.countersign.verify.attest;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.bundle.SignedContent;
import dev.countersign.verify.internal.attest.DsseParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A DSSE envelope (https://github.com/secure-systems-lab/dsse).
 *
 * @param payloadType the payload's media type, e.g. {@code application/vnd.in-toto+json}
 * @param payload the payload bytes
 * @param signatures one or more signatures over {@link #pae()}
 */
public record DsseEnvelope(String payloadType, byte[] payload, List<Signature> signatures)
    implements SignedContent {
  /** The in-toto payload type. */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  public DsseEnvelope {
    payload = payload.clone();
    signatures = List.copyOf(signatures);
  }

  /** One envelope signature. */
  public record Signature(String keyId, byte[] sig) {
    public Signature {
      keyId = keyId == null ? "" : keyId;
      sig = sig.clone();
    }

    @Override
    public byte[] sig() {
      return sig.clone();
    }
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The pre-authentication encoding the signatures cover. */
  public byte[] pae() {
    return pae(payloadType, payload);
  }

  /** PAE(type, body) = "DSSEv1" SP len(type) SP type SP len(body) SP body, lengths in bytes. */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
    out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** Whether the payload claims to be an in-toto statement. */
  public boolean isInToto() {
    return IN_TOTO_PAYLOAD_TYPE.equals(payloadType);
  }

  /**
   * Checks this envelope's signatures against trusted keys: passes when at least {@code
   * threshold.threshold()} distinct trusted keys verify (see {@link DsseThreshold}).
   */
  public DsseVerification verify(DsseThreshold threshold) {
    return threshold.verify(this);
  }

  /** Parses a standalone DSSE envelope (JSON). */
  public static DsseEnvelope parse(byte[] json) throws EvidenceFormatException {
    return DsseParser.parseEnvelope(json);
  }
}
