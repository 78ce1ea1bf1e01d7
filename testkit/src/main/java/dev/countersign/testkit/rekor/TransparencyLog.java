package dev.countersign.testkit.rekor;

import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.bundle.TlogInclusionProof;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.merkle.InclusionProof;
import dev.countersign.testkit.merkle.MerkleTree;
import dev.countersign.testkit.note.Checkpoint;
import dev.countersign.testkit.note.NoteSigner;
import dev.countersign.testkit.note.SignedNote;
import java.util.ArrayList;
import java.util.List;

/**
 * What Rekor v1 and v2 logs share: an append-only RFC 6962 tree of entry bodies, inclusion proofs
 * for any entry at any tree size, and checkpoints signed by the log and optionally cosigned by
 * witnesses. Appends and reads are synchronized, so one log can serve parallel tests.
 */
public abstract sealed class TransparencyLog permits TestRekorV1Log, TestRekorV2Log {
  /** Where witness cosignature lines go relative to the log's own signature line. */
  public enum CosignaturePlacement {
    AFTER_LOG_SIGNATURE,
    BEFORE_LOG_SIGNATURE
  }

  private final String origin;
  private final String baseUrl;
  private final TestKeyPair key;
  private final NoteSigner logSigner;
  private final MerkleTree tree = new MerkleTree();
  private final List<Bytes> bodies = new ArrayList<>();
  private List<NoteSigner> cosigners = List.of();
  private CosignaturePlacement placement = CosignaturePlacement.AFTER_LOG_SIGNATURE;
  private List<String> checkpointExtensionLines = List.of();

  TransparencyLog(String origin, String baseUrl, TestKeyPair key, NoteSigner logSigner) {
    this.origin = origin;
    this.baseUrl = baseUrl;
    this.key = key;
    this.logSigner = logSigner;
  }

  /** The checkpoint origin line. */
  public String origin() {
    return origin;
  }

  /** The URL a trust root lists for this log; its host is the checkpoint signer's name. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The log's signing key. */
  public TestKeyPair key() {
    return key;
  }

  /** The signer of the log's own checkpoint signature line. */
  public NoteSigner noteSigner() {
    return logSigner;
  }

  /** The ID bundles and trust roots use for this log. */
  public abstract Bytes logId();

  /** The entry at {@code index} with a fresh inclusion proof and checkpoint at the current size. */
  public abstract TlogEntry entry(long index);

  /** Number of leaves. */
  public synchronized long size() {
    return tree.size();
  }

  /** The logged body at {@code index}. */
  public synchronized Bytes body(long index) {
    return bodies.get(Math.toIntExact(index));
  }

  /** The current tree head. */
  public synchronized Bytes rootHash() {
    return tree.root();
  }

  /**
   * Appends {@code count} filler leaves (distinct byte strings that are not entry bodies), so later
   * entries get long, non-trivial inclusion proofs.
   */
  public synchronized void appendFiller(int count) {
    for (int i = 0; i < count; i++) {
      appendLeaf(Bytes.utf8("filler " + origin + " #" + tree.size()));
    }
  }

  /**
   * Has {@code witnesses} cosign every later checkpoint, their lines placed as given. An empty list
   * removes witnesses.
   */
  public synchronized void cosignWith(
      List<? extends NoteSigner> witnesses, CosignaturePlacement where) {
    this.cosigners = List.copyOf(witnesses);
    this.placement = where;
  }

  /** Adds these extension lines to every later checkpoint body. */
  public synchronized void setCheckpointExtensionLines(List<String> lines) {
    this.checkpointExtensionLines = List.copyOf(lines);
  }

  /** The Merkle inclusion proof of {@code index} at {@code treeSize}. */
  public synchronized InclusionProof merkleProof(long index, long treeSize) {
    return tree.inclusionProof(index, treeSize);
  }

  /** The signed checkpoint for the tree head at {@code treeSize}. */
  public synchronized SignedNote checkpoint(long treeSize) {
    String body =
        new Checkpoint(origin, treeSize, tree.root(treeSize), checkpointExtensionLines).body();
    List<NoteSigner> signers = new ArrayList<>();
    if (placement == CosignaturePlacement.BEFORE_LOG_SIGNATURE) {
      signers.addAll(cosigners);
      signers.add(logSigner);
    } else {
      signers.add(logSigner);
      signers.addAll(cosigners);
    }
    return SignedNote.sign(body, signers);
  }

  /** The bundle inclusion proof of {@code index} at {@code treeSize}, with its checkpoint. */
  public synchronized TlogInclusionProof inclusionProof(long index, long treeSize) {
    InclusionProof proof = tree.inclusionProof(index, treeSize);
    return new TlogInclusionProof(
        index, proof.rootHash(), treeSize, proof.hashes(), checkpoint(treeSize).envelope());
  }

  /** The bundle inclusion proof of {@code index} at the current size. */
  public synchronized TlogInclusionProof inclusionProof(long index) {
    return inclusionProof(index, tree.size());
  }

  /** Appends a leaf and returns its index; callers hold the log's lock. */
  long appendLeaf(Bytes body) {
    bodies.add(body);
    return tree.append(body.toByteArray());
  }
}
