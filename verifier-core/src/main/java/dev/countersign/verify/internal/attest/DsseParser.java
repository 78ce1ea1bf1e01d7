package dev.countersign.verify.internal.attest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.List;

/** Reads DSSE envelopes from JSON, standalone or inside a bundle. */
public final class DsseParser {
  /** More signatures than this is treated as malformed (guards threshold loops). */
  public static final int MAX_SIGNATURES = 32;

  private DsseParser() {}

  public static DsseEnvelope parseEnvelope(byte[] json) throws EvidenceFormatException {
    try {
      return read(Json.parseObject(json, "DSSE envelope"), "");
    } catch (JsonFormatException e) {
      throw new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, e.path(), e.getMessage(), e);
    }
  }

  /** Reads an envelope object found at {@code path}. */
  public static DsseEnvelope read(JsonNode env, String path) throws JsonFormatException {
    String payloadType = Json.string(env, "payloadType", path);
    byte[] payload = Json.bytes(env, "payload", path);
    JsonNode sigs = Json.optionalArray(env, "signatures", path);
    if (sigs == null || sigs.isEmpty()) {
      throw new JsonFormatException(Json.join(path, "signatures"), "envelope has no signatures");
    }
    if (sigs.size() > MAX_SIGNATURES) {
      throw new JsonFormatException(
          Json.join(path, "signatures"), "more than " + MAX_SIGNATURES + " signatures");
    }
    List<DsseEnvelope.Signature> out = new ArrayList<>();
    for (int i = 0; i < sigs.size(); i++) {
      String spath = Json.index(Json.join(path, "signatures"), i);
      JsonNode s = sigs.get(i);
      if (!s.isObject()) {
        throw new JsonFormatException(spath, "must be an object");
      }
      byte[] sig = Json.bytes(s, "sig", spath);
      if (sig.length == 0) {
        throw new JsonFormatException(Json.join(spath, "sig"), "signature is empty");
      }
      out.add(new DsseEnvelope.Signature(Json.optionalString(s, "keyid", spath), sig));
    }
    return new DsseEnvelope(payloadType, payload, out);
  }
}
