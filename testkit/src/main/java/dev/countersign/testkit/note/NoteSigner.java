package dev.countersign.testkit.note;

import dev.countersign.testkit.encoding.Bytes;

/** Something that can add a signature line to a C2SP signed note. */
public interface NoteSigner {

  /** The key name written on the signature line (no spaces, no '+'). */
  String name();

  /** The 4-byte key hint that prefixes the signature bytes. */
  Bytes keyHint();

  /** The signature bytes over {@code body} (what follows the key hint on the line). */
  Bytes sign(String body);

  /** The complete signature over {@code body}. */
  default NoteSignature signatureOver(String body) {
    return new NoteSignature(name(), keyHint(), sign(body));
  }
}
