package dev.countersign.testkit.note;

import java.util.ArrayList;
import java.util.List;

/**
 * A C2SP signed note: the body, a blank line, then signature lines in the order given.
 *
 * @param body the note text, ending with a newline
 * @param signatures the signature lines in output order
 */
public record SignedNote(String body, List<NoteSignature> signatures) {

  public SignedNote {
    if (!body.endsWith("\n")) {
      throw new IllegalArgumentException("a note body ends with a newline");
    }
    signatures = List.copyOf(signatures);
  }

  /** Signs {@code body} with each signer, keeping their order. */
  public static SignedNote sign(String body, List<? extends NoteSigner> signers) {
    List<NoteSignature> lines = new ArrayList<>();
    for (NoteSigner signer : signers) {
      lines.add(signer.signatureOver(body));
    }
    return new SignedNote(body, lines);
  }

  /** The serialized note, as a bundle's {@code checkpoint.envelope} holds it. */
  public String envelope() {
    StringBuilder out = new StringBuilder(body).append('\n');
    for (NoteSignature signature : signatures) {
      out.append(signature.line());
    }
    return out.toString();
  }

  /** A copy with different signature lines, for tampered variants. */
  public SignedNote withSignatures(List<NoteSignature> newSignatures) {
    return new SignedNote(body, newSignatures);
  }
}
