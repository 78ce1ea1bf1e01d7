package dev.countersign.testkit.note;

import dev.countersign.testkit.encoding.Bytes;

/**
 * One signature line of a C2SP signed note: {@code — <name> <base64(keyHint || signature)>}.
 *
 * @param name the signer's key name
 * @param keyHint the 4-byte key hint
 * @param signature the signature bytes
 */
public record NoteSignature(String name, Bytes keyHint, Bytes signature) {
  /** U+2014 EM DASH, which starts every signature line. */
  public static final String EM_DASH = "\u2014";

  /** The line, including its terminating newline. */
  public String line() {
    return EM_DASH + " " + name + " " + keyHint.concat(signature).base64() + "\n";
  }

  /** A copy with a different signature, for tampered variants. */
  public NoteSignature withSignature(Bytes newSignature) {
    return new NoteSignature(name, keyHint, newSignature);
  }
}
