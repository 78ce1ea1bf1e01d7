package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a metadata file's {@code signatures} list.
 *
 * @param keyId the key id the signature claims; it only selects a key, trust comes from the role
 * @param sig the signature as written: hex, possibly empty (sigstore roots carry empty placeholders
 *     for keys that have not signed yet)
 */
record TufSignature(String keyId, String sig) {

  static List<TufSignature> parseAll(JsonNode array, String path) throws JsonFormatException {
    List<TufSignature> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode entry = array.get(i);
      if (!entry.isObject()) {
        throw new JsonFormatException(p, "must be a JSON object");
      }
      out.add(new TufSignature(TufFields.text(entry, "keyid", p), TufFields.text(entry, "sig", p)));
    }
    return List.copyOf(out);
  }
}
