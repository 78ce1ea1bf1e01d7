package dev.countersign.testkit.merkle;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only RFC 6962 Merkle tree over SHA-256: leaf hash {@code SHA-256(0x00 || leaf)}, node
 * hash {@code SHA-256(0x01 || left || right)}, and the tree head of any earlier size.
 *
 * <p>Hashes of complete, aligned subtrees never change once their leaves exist, so they are cached;
 * proofs for large trees (many filler leaves) stay cheap. Not thread-safe on its own; the logs that
 * own a tree synchronize around it.
 */
public final class MerkleTree {
  private final List<byte[]> leafHashes = new ArrayList<>();
  private final Map<Long, byte[]> completeSubtrees = new HashMap<>();

  /** {@code SHA-256(0x00 || leaf)}. */
  public static byte[] leafHash(byte[] leaf) {
    byte[] input = new byte[leaf.length + 1];
    System.arraycopy(leaf, 0, input, 1, leaf.length);
    return HashAlgorithm.SHA2_256.digest(input);
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    byte[] input = new byte[1 + left.length + right.length];
    input[0] = 0x01;
    System.arraycopy(left, 0, input, 1, left.length);
    System.arraycopy(right, 0, input, 1 + left.length, right.length);
    return HashAlgorithm.SHA2_256.digest(input);
  }

  /** Appends a leaf and returns its index. */
  public long append(byte[] leaf) {
    leafHashes.add(leafHash(leaf));
    return leafHashes.size() - 1L;
  }

  /** Number of leaves. */
  public long size() {
    return leafHashes.size();
  }

  /** The leaf hash at {@code index}. */
  public Bytes leafHashAt(long index) {
    return Bytes.of(leafHashes.get(Math.toIntExact(index)));
  }

  /** The tree head of the first {@code treeSize} leaves; the empty tree's is SHA-256(""). */
  public Bytes root(long treeSize) {
    checkSize(treeSize);
    if (treeSize == 0) {
      return Bytes.of(HashAlgorithm.SHA2_256.digest(new byte[0]));
    }
    return Bytes.of(hash(0, treeSize));
  }

  /** The tree head of all leaves. */
  public Bytes root() {
    return root(size());
  }

  /**
   * The audit path for leaf {@code index} in the tree of {@code treeSize} leaves (RFC 6962 §2.1.1
   * PATH), ordered from the leaf's sibling upwards.
   */
  public InclusionProof inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("index " + index + " not in tree of size " + treeSize);
    }
    List<Bytes> path = new ArrayList<>();
    path(index, 0, treeSize, path);
    return new InclusionProof(index, treeSize, leafHashAt(index), path, root(treeSize));
  }

  private void path(long index, long start, long size, List<Bytes> out) {
    if (size == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(size);
    if (index < start + k) {
      path(index, start, k, out);
      out.add(Bytes.of(hash(start + k, size - k)));
    } else {
      path(index, start + k, size - k, out);
      out.add(Bytes.of(hash(start, k)));
    }
  }

  /** MTH of the {@code size} leaves starting at {@code start}. */
  private byte[] hash(long start, long size) {
    if (size == 1) {
      return leafHashes.get(Math.toIntExact(start));
    }
    boolean complete = Long.bitCount(size) == 1 && start % size == 0;
    Long key = complete ? (start << 6) | Long.numberOfTrailingZeros(size) : null;
    if (complete) {
      byte[] cached = completeSubtrees.get(key);
      if (cached != null) {
        return cached;
      }
    }
    long k = largestPowerOfTwoBelow(size);
    byte[] result = nodeHash(hash(start, k), hash(start + k, size - k));
    if (complete) {
      completeSubtrees.put(key, result);
    }
    return result;
  }

  /** The largest power of two strictly less than {@code n} (n > 1): RFC 6962's split point. */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size()) {
      throw new IllegalArgumentException("tree size " + treeSize + " but " + size() + " leaves");
    }
  }
}
