package dev.countersign.testkit.rekor;

import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.note.Ed25519NoteSigner;
import java.util.HashSet;
import java.util.Set;

/**
 * A Rekor v2 (tile-backed) style log: Ed25519 key, checkpoints signed by C2SP Ed25519 note
 * signatures under the origin, the log ID being the C2SP key ID. Entries have no integrated time
 * and no inclusion promise; only the proof and checkpoint show inclusion.
 */
public final class TestRekorV2Log extends TransparencyLog {
  private final Ed25519NoteSigner signer;
  private final Set<Long> entryIndices = new HashSet<>();

  private TestRekorV2Log(String origin, Ed25519NoteSigner signer, TestKeyPair key) {
    super(origin, "https://" + origin, key, signer);
    this.signer = signer;
  }

  /** A log whose origin (and host) is {@code origin}, with a fresh Ed25519 key. */
  public static TestRekorV2Log create(String origin) {
    return withKey(origin, TestKeyPair.generate(KeyAlgorithm.ED25519));
  }

  /** A log using an existing Ed25519 key. */
  public static TestRekorV2Log withKey(String origin, TestKeyPair key) {
    return new TestRekorV2Log(origin, new Ed25519NoteSigner(origin, key), key);
  }

  /** The C2SP key ID: {@code SHA-256(origin || "\n" || 0x01 || public key)}. */
  @Override
  public Bytes logId() {
    return signer.keyId();
  }

  /** Logs {@code body} and returns the entry with a proof for the tree that now ends with it. */
  public synchronized TlogEntry append(RekorBody body) {
    long index = appendLeaf(body.canonicalized());
    entryIndices.add(index);
    return entry(index);
  }

  /** Logs an already canonicalized body (its kind and apiVersion are read from it). */
  public TlogEntry append(Bytes canonicalizedBody) {
    return append(RekorBody.parse(canonicalizedBody));
  }

  @Override
  public synchronized TlogEntry entry(long index) {
    if (!entryIndices.contains(index)) {
      throw new IllegalArgumentException("no entry at " + index + " (filler or out of range)");
    }
    Bytes body = body(index);
    RekorBody parsed = RekorBody.parse(body);
    return new TlogEntry(
        index,
        logId(),
        parsed.kind(),
        parsed.apiVersion(),
        null,
        null,
        inclusionProof(index),
        body);
  }
}
