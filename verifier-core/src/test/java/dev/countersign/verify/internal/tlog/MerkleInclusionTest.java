package dev.countersign.verify.internal.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.merkle.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our RFC 9162 verifier against every proof of the testkit's independent Merkle tree. */
class MerkleInclusionTest {
  @Test
  void everyProofOfEveryTreeUpToSeventyLeavesVerifies() {
    MerkleTree tree = new MerkleTree();
    List<byte[]> leaves = new ArrayList<>();
    for (int n = 1; n <= 70; n++) {
      byte[] leaf = ("leaf " + n).getBytes(StandardCharsets.UTF_8);
      leaves.add(leaf);
      tree.append(leaf);
      byte[] root = tree.root(n).toByteArray();
      for (int i = 0; i < n; i++) {
        List<byte[]> proof =
            tree.inclusionProof(i, n).hashes().stream().map(Bytes::toByteArray).toList();
        byte[] computed =
            MerkleInclusion.rootFromProof(MerkleInclusion.leafHash(leaves.get(i)), i, n, proof);
        assertThat(computed).as("leaf %d of %d", i, n).isEqualTo(root);
      }
    }
  }

  @Test
  void alteredProofsDoNotReachTheRoot() {
    MerkleTree tree = new MerkleTree();
    for (int n = 0; n < 13; n++) {
      tree.append(("x" + n).getBytes(StandardCharsets.UTF_8));
    }
    byte[] root = tree.root(13).toByteArray();
    List<byte[]> proof =
        new ArrayList<>(
            tree.inclusionProof(5, 13).hashes().stream().map(Bytes::toByteArray).toList());
    byte[] leaf = MerkleInclusion.leafHash("x5".getBytes(StandardCharsets.UTF_8));
    assertThat(MerkleInclusion.rootFromProof(leaf, 5, 13, proof)).isEqualTo(root);
    assertThat(MerkleInclusion.rootFromProof(leaf, 4, 13, proof)).isNotEqualTo(root);
    proof.get(1)[0] ^= 1;
    assertThat(MerkleInclusion.rootFromProof(leaf, 5, 13, proof)).isNotEqualTo(root);
    assertThatThrownBy(() -> MerkleInclusion.rootFromProof(leaf, 5, 13, proof.subList(0, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleInclusion.rootFromProof(leaf, 13, 13, proof))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
