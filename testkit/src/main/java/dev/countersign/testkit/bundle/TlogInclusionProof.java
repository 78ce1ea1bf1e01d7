package dev.countersign.testkit.bundle;

import dev.countersign.testkit.encoding.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * A tlog entry's {@code inclusionProof}.
 *
 * @param logIndex the entry's index in the log's tree (equal to the entry's logIndex here)
 * @param rootHash the tree head the proof leads to
 * @param treeSize the tree size the proof is for
 * @param hashes the audit path from the leaf's sibling upwards
 * @param checkpoint the signed-note checkpoint envelope for that tree head
 */
public record TlogInclusionProof(
    long logIndex, Bytes rootHash, long treeSize, List<Bytes> hashes, String checkpoint) {

  public TlogInclusionProof {
    hashes = List.copyOf(hashes);
  }

  /** A copy with a different root hash. */
  public TlogInclusionProof withRootHash(Bytes newRootHash) {
    return new TlogInclusionProof(logIndex, newRootHash, treeSize, hashes, checkpoint);
  }

  /** A copy with a different tree size. */
  public TlogInclusionProof withTreeSize(long newTreeSize) {
    return new TlogInclusionProof(logIndex, rootHash, newTreeSize, hashes, checkpoint);
  }

  /** A copy with a different audit path. */
  public TlogInclusionProof withHashes(List<Bytes> newHashes) {
    return new TlogInclusionProof(logIndex, rootHash, treeSize, newHashes, checkpoint);
  }

  /** A copy with one path element replaced. */
  public TlogInclusionProof withHash(int index, Bytes hash) {
    List<Bytes> changed = new ArrayList<>(hashes);
    changed.set(index, hash);
    return withHashes(changed);
  }

  /** A copy with a different checkpoint envelope. */
  public TlogInclusionProof withCheckpoint(String newCheckpoint) {
    return new TlogInclusionProof(logIndex, rootHash, treeSize, hashes, newCheckpoint);
  }
}
