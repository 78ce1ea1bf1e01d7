package dev.countersign.testkit.note;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** C2SP signed-note key IDs: {@code SHA-256(name || 0x0A || signature type || public key)}. */
final class NoteKeyIds {
  /** Signature type of plain Ed25519 note signatures. */
  static final int TYPE_ED25519 = 0x01;

  /** Signature type of Ed25519 cosignature/v1 witness signatures. */
  static final int TYPE_COSIGNATURE_V1 = 0x04;

  private NoteKeyIds() {}

  static Bytes keyId(String name, int type, byte[] rawPublicKey) {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(name.getBytes(StandardCharsets.UTF_8));
    input.write('\n');
    input.write(type);
    input.writeBytes(rawPublicKey);
    return Bytes.of(HashAlgorithm.SHA2_256.digest(input.toByteArray()));
  }

  static void checkName(String name) {
    if (name.isEmpty() || name.contains(" ") || name.contains("+") || name.contains("\n")) {
      throw new IllegalArgumentException("note key names have no spaces or '+': " + name);
    }
  }
}
