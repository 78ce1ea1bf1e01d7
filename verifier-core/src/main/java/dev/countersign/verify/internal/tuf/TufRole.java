package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A top-level role as a root defines it: the keys that may sign for it and how many must.
 *
 * @param keyIds distinct key ids, in the order listed; a key id listed twice is kept once so that
 *     it cannot count twice
 * @param threshold signatures from distinct keys needed, at least 1
 */
record TufRole(List<String> keyIds, int threshold) {
  TufRole {
    keyIds = List.copyOf(keyIds);
  }

  static TufRole parse(JsonNode node, String path) throws JsonFormatException {
    if (!node.isObject()) {
      throw new JsonFormatException(path, "must be a JSON object");
    }
    JsonNode ids = TufFields.array(node, "keyids", path);
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!ids.get(i).isTextual()) {
        throw new JsonFormatException(path + ".keyids[" + i + "]", "must be a string");
      }
      distinct.add(ids.get(i).textValue());
    }
    long threshold = TufFields.integer(node, "threshold", path, 1);
    if (threshold > Integer.MAX_VALUE) {
      throw new JsonFormatException(path + ".threshold", "is too large");
    }
    return new TufRole(new ArrayList<>(distinct), (int) threshold);
  }
}
