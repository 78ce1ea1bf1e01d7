package dev.countersign.testkit.note;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.TestKeyPair;
import java.nio.charset.StandardCharsets;

/**
 * A C2SP signed-note Ed25519 signer (signature type 0x01), as Rekor v2 signs its checkpoints. The
 * key ID is {@code SHA-256(name || "\n" || 0x01 || 32-byte public key)}; its first four bytes are
 * the key hint, and the whole ID is what a trust root lists as the log's key ID.
 */
public final class Ed25519NoteSigner implements NoteSigner {
  private final String name;
  private final TestKeyPair key;

  /** A signer for key {@code name} with the Ed25519 {@code key}. */
  public Ed25519NoteSigner(String name, TestKeyPair key) {
    NoteKeyIds.checkName(name);
    if (!key.algorithm().isEd25519()) {
      throw new IllegalArgumentException("Ed25519 key required, got " + key.algorithm());
    }
    this.name = name;
    this.key = key;
  }

  /** The full 32-byte C2SP key ID. */
  public Bytes keyId() {
    return NoteKeyIds.keyId(name, NoteKeyIds.TYPE_ED25519, key.rawEd25519PublicKey());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Bytes keyHint() {
    return keyId().slice(0, 4);
  }

  @Override
  public Bytes sign(String body) {
    return Bytes.of(key.sign(body.getBytes(StandardCharsets.UTF_8)));
  }
}
