package dev.countersign.testkit.note;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.nio.charset.StandardCharsets;

/**
 * Signs notes the way Rekor v1 signs its checkpoints: the key hint is the first four bytes of the
 * log ID (SHA-256 of the DER public key) and the signature is the key's ordinary signature (DER
 * ECDSA-SHA256 for Rekor's P-256 key) over the note body.
 */
public final class RekorV1NoteSigner implements NoteSigner {
  private final String name;
  private final TestKeyPair key;

  /** A signer writing {@code name} (Rekor uses its host name) with {@code key}. */
  public RekorV1NoteSigner(String name, TestKeyPair key) {
    NoteKeyIds.checkName(name);
    this.name = name;
    this.key = key;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Bytes keyHint() {
    return Bytes.of(HashAlgorithm.SHA2_256.digest(key.spki().toByteArray())).slice(0, 4);
  }

  @Override
  public Bytes sign(String body) {
    return Bytes.of(key.sign(body.getBytes(StandardCharsets.UTF_8)));
  }
}
