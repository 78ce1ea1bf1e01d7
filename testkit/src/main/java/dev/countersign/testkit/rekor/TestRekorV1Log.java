package dev.countersign.testkit.rekor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.CanonicalJson;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.note.RekorV1NoteSigner;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A Rekor v1 style log: ECDSA P-256 key, log ID = SHA-256 of the DER public key, checkpoints with
 * origin {@code "<host> - <tree id>"} signed under the host name, and a signed entry timestamp
 * (inclusion promise) on every entry.
 */
public final class TestRekorV1Log extends TransparencyLog {
  private final Map<Long, Long> integratedTimes = new HashMap<>();

  private TestRekorV1Log(String host, long treeId, TestKeyPair key) {
    super(host + " - " + treeId, "https://" + host, key, new RekorV1NoteSigner(host, key));
  }

  /** A log at {@code https://<host>} with a fresh P-256 key. */
  public static TestRekorV1Log create(String host, long treeId) {
    return withKey(host, treeId, TestKeyPair.generate(KeyAlgorithm.ECDSA_P256));
  }

  /** A log using an existing key. */
  public static TestRekorV1Log withKey(String host, long treeId, TestKeyPair key) {
    if (key.algorithm().isEd25519()) {
      throw new IllegalArgumentException("Rekor v1 signs with ECDSA or RSA");
    }
    return new TestRekorV1Log(host, treeId, key);
  }

  @Override
  public Bytes logId() {
    return Bytes.of(HashAlgorithm.SHA2_256.digest(key().spki().toByteArray()));
  }

  /**
   * Logs {@code body} as integrated at {@code integratedTime} (whole seconds) and returns the entry
   * with its inclusion promise, and an inclusion proof and checkpoint for the tree that now ends
   * with it.
   */
  public synchronized TlogEntry append(RekorBody body, Instant integratedTime) {
    long index = appendLeaf(body.canonicalized());
    integratedTimes.put(index, integratedTime.getEpochSecond());
    return entry(index);
  }

  /** Logs an already canonicalized body (its kind and apiVersion are read from it). */
  public TlogEntry append(Bytes canonicalizedBody, Instant integratedTime) {
    return append(RekorBody.parse(canonicalizedBody), integratedTime);
  }

  @Override
  public synchronized TlogEntry entry(long index) {
    Long integratedTime = integratedTimes.get(index);
    if (integratedTime == null) {
      throw new IllegalArgumentException("no entry at " + index + " (filler or out of range)");
    }
    Bytes body = body(index);
    RekorBody parsed = RekorBody.parse(body);
    return new TlogEntry(
        index,
        logId(),
        parsed.kind(),
        parsed.apiVersion(),
        integratedTime,
        signedEntryTimestamp(body, integratedTime, index),
        inclusionProof(index),
        body);
  }

  /**
   * The inclusion promise: the log's signature over the RFC 8785 form of {@code {"body",
   * "integratedTime", "logID", "logIndex"}}, body in base64 and log ID in hex.
   */
  public Bytes signedEntryTimestamp(Bytes body, long integratedTime, long logIndex) {
    ObjectNode payload = Json.object();
    payload.put("body", body.base64());
    payload.put("integratedTime", integratedTime);
    payload.put("logID", logId().hex());
    payload.put("logIndex", logIndex);
    return Bytes.of(key().sign(CanonicalJson.canonicalize(payload)));
  }
}
