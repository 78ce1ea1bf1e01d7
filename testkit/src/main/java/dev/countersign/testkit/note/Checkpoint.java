package dev.countersign.testkit.note;

import dev.countersign.testkit.encoding.Bytes;
import java.util.List;

/**
 * A C2SP tlog-checkpoint body: origin, tree size and root hash, then optional extension lines.
 *
 * @param origin the log's unique name, first line of the body
 * @param treeSize number of leaves
 * @param rootHash the RFC 6962 tree head
 * @param extensionLines further lines, each without its newline
 */
public record Checkpoint(
    String origin, long treeSize, Bytes rootHash, List<String> extensionLines) {

  public Checkpoint {
    extensionLines = List.copyOf(extensionLines);
    for (String line : extensionLines) {
      if (line.isEmpty() || line.contains("\n")) {
        throw new IllegalArgumentException("checkpoint lines are non-empty and single: " + line);
      }
    }
  }

  /** A checkpoint without extension lines. */
  public static Checkpoint of(String origin, long treeSize, Bytes rootHash) {
    return new Checkpoint(origin, treeSize, rootHash, List.of());
  }

  /** The note body: every line newline-terminated, which is exactly what signatures cover. */
  public String body() {
    StringBuilder body = new StringBuilder();
    body.append(origin).append('\n');
    body.append(treeSize).append('\n');
    body.append(rootHash.base64()).append('\n');
    for (String line : extensionLines) {
      body.append(line).append('\n');
    }
    return body.toString();
  }
}
