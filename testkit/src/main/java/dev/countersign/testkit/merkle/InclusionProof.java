package dev.countersign.testkit.merkle;

import dev.countersign.testkit.encoding.Bytes;
import java.util.Arrays;
import java.util.List;

/**
 * An RFC 9162 inclusion proof: the audit path of one leaf in a tree of a given size.
 *
 * @param leafIndex zero-based index of the leaf
 * @param treeSize number of leaves in the tree the proof is for
 * @param leafHash the leaf's RFC 6962 hash
 * @param hashes the audit path, from the leaf's sibling upwards
 * @param rootHash the tree head the path leads to
 */
public record InclusionProof(
    long leafIndex, long treeSize, Bytes leafHash, List<Bytes> hashes, Bytes rootHash) {

  public InclusionProof {
    hashes = List.copyOf(hashes);
  }

  /**
   * Verifies the path by RFC 9162 §2.1.3.2, independently of how it was generated: true if it leads
   * from {@code leafHash} to {@code rootHash}.
   */
  public boolean verify() {
    return verify(leafIndex, treeSize, leafHash, hashes, rootHash);
  }

  /** RFC 9162 §2.1.3.2 verification of an arbitrary path. */
  public static boolean verify(
      long leafIndex, long treeSize, Bytes leafHash, List<Bytes> path, Bytes rootHash) {
    if (leafIndex < 0 || leafIndex >= treeSize) {
      return false;
    }
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash.toByteArray();
    for (Bytes p : path) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleTree.nodeHash(p.toByteArray(), r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleTree.nodeHash(r, p.toByteArray());
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, rootHash.toByteArray());
  }
}
