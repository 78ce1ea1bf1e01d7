package dev.countersign.testkit.note;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.TestKeyPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A witness signing checkpoints by C2SP tlog-cosignature ({@code cosignature/v1}, signature type
 * 0x04): the signed message is {@code "cosignature/v1\ntime <seconds>\n"} followed by the
 * checkpoint body, and the signature bytes are the 8-byte big-endian time followed by the Ed25519
 * signature.
 */
public final class CosignatureV1Signer implements NoteSigner {
  private final String name;
  private final TestKeyPair key;
  private final Instant time;

  /** A witness {@code name} with an Ed25519 {@code key}, cosigning at {@code time}. */
  public CosignatureV1Signer(String name, TestKeyPair key, Instant time) {
    NoteKeyIds.checkName(name);
    if (!key.algorithm().isEd25519()) {
      throw new IllegalArgumentException("Ed25519 key required, got " + key.algorithm());
    }
    this.name = name;
    this.key = key;
    this.time = time;
  }

  /** The full 32-byte C2SP key ID of the witness key. */
  public Bytes keyId() {
    return NoteKeyIds.keyId(name, NoteKeyIds.TYPE_COSIGNATURE_V1, key.rawEd25519PublicKey());
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
    long seconds = time.getEpochSecond();
    String message = "cosignature/v1\ntime " + seconds + "\n" + body;
    byte[] signature = key.sign(message.getBytes(StandardCharsets.UTF_8));
    return Bytes.of(ByteBuffer.allocate(8).putLong(seconds).array()).concat(Bytes.of(signature));
  }
}
