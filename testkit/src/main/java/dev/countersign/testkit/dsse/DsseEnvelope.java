package dev.countersign.testkit.dsse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.TestKeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * A DSSE envelope.
 *
 * @param payloadType the payload's media type
 * @param payload the raw payload
 * @param signatures signatures over {@code PAE(payloadType, payload)}
 */
public record DsseEnvelope(String payloadType, Bytes payload, List<DsseSignature> signatures) {

  public DsseEnvelope {
    signatures = List.copyOf(signatures);
  }

  /** Signs {@code payload} with each key in turn (default scheme of each key, no keyid). */
  public static DsseEnvelope sign(String payloadType, byte[] payload, TestKeyPair... keys) {
    byte[] pae = Pae.encode(payloadType, payload);
    List<DsseSignature> signatures = new ArrayList<>();
    for (TestKeyPair key : keys) {
      signatures.add(new DsseSignature(null, Bytes.of(key.sign(pae))));
    }
    return new DsseEnvelope(payloadType, Bytes.of(payload), signatures);
  }

  /** Signs an in-toto Statement. */
  public static DsseEnvelope sign(InTotoStatement statement, TestKeyPair... keys) {
    return sign(InTotoStatement.PAYLOAD_TYPE, statement.toBytes(), keys);
  }

  /** The bytes the signatures cover. */
  public byte[] pae() {
    return Pae.encode(payloadType, payload.toByteArray());
  }

  /** A copy with another payload (signatures unchanged), for tampered variants. */
  public DsseEnvelope withPayload(Bytes newPayload) {
    return new DsseEnvelope(payloadType, newPayload, signatures);
  }

  /** A copy with other signatures. */
  public DsseEnvelope withSignatures(List<DsseSignature> newSignatures) {
    return new DsseEnvelope(payloadType, payload, newSignatures);
  }

  /** The first signature's bytes, which Sigstore timestamps and logs. */
  public Bytes firstSignature() {
    return signatures.get(0).sig();
  }

  /**
   * The envelope as Sigstore bundles write it: {@code payload}, {@code payloadType}, {@code
   * signatures[{sig, keyid?}]}.
   */
  public ObjectNode toJson() {
    ObjectNode envelope = Json.object();
    envelope.put("payload", payload.base64());
    envelope.put("payloadType", payloadType);
    ArrayNode sigs = envelope.putArray("signatures");
    for (DsseSignature signature : signatures) {
      ObjectNode s = sigs.addObject();
      s.put("sig", signature.sig().base64());
      if (signature.keyid() != null) {
        s.put("keyid", signature.keyid());
      }
    }
    return envelope;
  }
}
