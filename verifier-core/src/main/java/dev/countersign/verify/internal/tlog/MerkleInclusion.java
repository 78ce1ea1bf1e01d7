package dev.countersign.verify.internal.tlog;

import java.security.MessageDigest;
import java.util.List;

/** RFC 6962 / RFC 9162 Merkle tree hashing and inclusion proof verification. */
public final class MerkleInclusion {
  private MerkleInclusion() {}

  /** SHA-256(0x00 || leaf). */
  public static byte[] leafHash(byte[] leaf) {
    MessageDigest md = sha256();
    md.update((byte) 0);
    md.update(leaf);
    return md.digest();
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = sha256();
    md.update((byte) 1);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /**
   * Computes the root from a leaf hash and its audit path (RFC 9162 §2.1.3.2). Throws
   * IllegalArgumentException when the proof has the wrong shape for the index and tree size.
   */
  public static byte[] rootFromProof(
      byte[] leafHash, long index, long treeSize, List<byte[]> proof) {
    if (index < 0 || treeSize <= 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "index " + index + " is outside a tree of size " + treeSize);
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (p.length != 32) {
        throw new IllegalArgumentException("proof hash is " + p.length + " bytes, not 32");
      }
      if (sn == 0) {
        throw new IllegalArgumentException("proof is longer than the tree is deep");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new IllegalArgumentException("proof is shorter than the tree is deep");
    }
    return r;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
