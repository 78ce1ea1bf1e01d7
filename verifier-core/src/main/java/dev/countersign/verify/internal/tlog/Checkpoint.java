package dev.countersign.verify.internal.tlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A transparency log checkpoint in C2SP signed-note form: a note body ({@code origin}, tree size,
 * base64 root hash, optional extension lines) followed by a blank line and signature lines {@code —
 * <name> <base64(keyHint[4] || signature)>}.
 *
 * @param origin the log origin line
 * @param treeSize the tree size the log commits to
 * @param rootHash the root hash the log commits to
 * @param body the exact signed bytes (every note line including its newline)
 * @param signatures the signature lines
 */
public record Checkpoint(
    String origin, long treeSize, byte[] rootHash, byte[] body, List<NoteSignature> signatures) {

  /** One signature line. */
  public record NoteSignature(String name, byte[] keyHint, byte[] signature) {}

  private static final String SIGNATURE_PREFIX = "\u2014 ";
  private static final Pattern TREE_SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");

  /** Parses a checkpoint; IllegalArgumentException says what is malformed. */
  public static Checkpoint parse(String envelope) {
    int split = envelope.indexOf("\n\n");
    if (split < 0) {
      throw new IllegalArgumentException("checkpoint has no blank line before its signatures");
    }
    String note = envelope.substring(0, split + 1);
    String[] lines = note.substring(0, note.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new IllegalArgumentException(
          "checkpoint needs origin, tree size and root hash lines, found "
              + lines.length
              + " line(s)");
    }
    String origin = lines[0];
    if (origin.isEmpty()) {
      throw new IllegalArgumentException("checkpoint origin is empty");
    }
    long size;
    if (!TREE_SIZE.matcher(lines[1]).matches()) {
      throw new IllegalArgumentException(
          "checkpoint tree size '" + lines[1] + "' is not a decimal number");
    }
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("checkpoint tree size is out of range");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint root hash is not base64");
    }
    if (root.length != 32) {
      throw new IllegalArgumentException(
          "checkpoint root hash is " + root.length + " bytes, not 32");
    }
    for (int i = 3; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        throw new IllegalArgumentException("checkpoint has an empty extension line");
      }
    }
    List<NoteSignature> sigs = new ArrayList<>();
    String rest = envelope.substring(split + 2);
    if (!rest.isEmpty() && !rest.endsWith("\n")) {
      throw new IllegalArgumentException("checkpoint signature block does not end with a newline");
    }
    for (String line : rest.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith(SIGNATURE_PREFIX)) {
        throw new IllegalArgumentException(
            "checkpoint signature line does not start with an em dash");
      }
      String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
      if (parts.length != 2 || parts[0].isEmpty()) {
        throw new IllegalArgumentException(
            "checkpoint signature line is not '\u2014 name signature'");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("checkpoint signature is not base64");
      }
      if (raw.length < 5) {
        throw new IllegalArgumentException("checkpoint signature is too short");
      }
      byte[] hint = new byte[4];
      System.arraycopy(raw, 0, hint, 0, 4);
      byte[] sig = new byte[raw.length - 4];
      System.arraycopy(raw, 4, sig, 0, sig.length);
      sigs.add(new NoteSignature(parts[0], hint, sig));
    }
    if (sigs.isEmpty()) {
      throw new IllegalArgumentException("checkpoint carries no signature");
    }
    return new Checkpoint(
        origin, size, root, note.getBytes(StandardCharsets.UTF_8), List.copyOf(sigs));
  }
}
