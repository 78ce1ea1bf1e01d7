package dev.countersign.testkit.tuf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Signs a {@code signed} object into a TUF metadata file: {@code {"signatures": [...], "signed":
 * ...}}, each signature over the canonical JSON of {@code signed}, hex-encoded.
 */
public final class TufEnvelope {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TufEnvelope() {}

  /**
   * The file bytes: pretty-printed, keys in insertion order (not canonical, as real repositories
   * are not), one signature per entry of {@code signers} in order, duplicates included.
   */
  public static byte[] sign(ObjectNode signed, List<TufSigningKey> signers) {
    byte[] canonical = TufCanonicalJson.encode(signed);
    ObjectNode document = MAPPER.createObjectNode();
    ArrayNode signatures = document.putArray("signatures");
    for (TufSigningKey key : signers) {
      ObjectNode sig = signatures.addObject();
      sig.put("keyid", key.keyId());
      sig.put("sig", HexFormat.of().formatHex(key.sign(canonical)));
    }
    document.set("signed", signed);
    try {
      String text = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
      return text.getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
