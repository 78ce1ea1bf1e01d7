package dev.countersign.verify.bundle;

import java.util.List;

/**
 * A Merkle inclusion proof for a log entry.
 *
 * @param logIndex the entry's index in the (shard's) tree
 * @param rootHash the tree root the proof leads to
 * @param treeSize the tree size the proof is for
 * @param hashes the audit path, leaf to root
 * @param checkpoint the signed checkpoint (signed note) envelope; empty if absent
 */
public record InclusionProof(
    long logIndex, byte[] rootHash, long treeSize, List<byte[]> hashes, String checkpoint) {
  public InclusionProof {
    rootHash = rootHash.clone();
    hashes = hashes.stream().map(byte[]::clone).toList();
    checkpoint = checkpoint == null ? "" : checkpoint;
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }
}
