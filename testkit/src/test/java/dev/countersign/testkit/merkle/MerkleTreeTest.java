package dev.countersign.testkit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.testkit.encoding.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree against the Certificate Transparency reference vectors (leaves, tree heads for sizes 0
 * to 8, and two audit paths, as published with RFC 6962 implementations), then every proof of every
 * tree up to 70 leaves through the independent RFC 9162 verifier.
 */
class MerkleTreeTest {
  private static final List<String> LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  private static final List<String> ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  private static MerkleTree referenceTree() {
    MerkleTree tree = new MerkleTree();
    LEAVES.forEach(leaf -> tree.append(Bytes.fromHex(leaf).toByteArray()));
    return tree;
  }

  @Test
  void treeHeadsMatchTheReferenceForEverySize() {
    MerkleTree tree = referenceTree();
    for (int size = 0; size <= LEAVES.size(); size++) {
      assertThat(tree.root(size).hex()).as("root of size %d", size).isEqualTo(ROOTS.get(size));
    }
  }

  @Test
  void auditPathsMatchTheReference() {
    MerkleTree tree = referenceTree();
    assertThat(tree.inclusionProof(0, 8).hashes())
        .extracting(Bytes::hex)
        .containsExactly(
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    assertThat(tree.inclusionProof(5, 8).hashes())
        .extracting(Bytes::hex)
        .containsExactly(
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    assertThat(tree.inclusionProof(0, 1).hashes()).isEmpty();
  }

  @Test
  void everyProofOfEveryTreeVerifiesAndNoAlteredOneDoes() {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < 70; i++) {
      tree.append(("leaf " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    for (long size = 1; size <= tree.size(); size++) {
      for (long index = 0; index < size; index++) {
        InclusionProof proof = tree.inclusionProof(index, size);
        assertThat(proof.verify()).as("%d in %d", index, size).isTrue();
        assertThat(proof.hashes()).hasSizeLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size));
        assertRejected(proof);
      }
    }
  }

  private static void assertRejected(InclusionProof proof) {
    long index = proof.leafIndex();
    long size = proof.treeSize();
    List<Bytes> path = proof.hashes();
    Bytes leaf = proof.leafHash();
    Bytes root = proof.rootHash();
    assertThat(InclusionProof.verify(index, size, leaf.withBitFlipped(0), path, root)).isFalse();
    assertThat(InclusionProof.verify(index, size, leaf, path, root.withBitFlipped(0))).isFalse();
    assertThat(InclusionProof.verify(size, size, leaf, path, root)).isFalse();
    if (!path.isEmpty()) {
      assertThat(InclusionProof.verify(index ^ 1, size, leaf, path, root))
          .as("sibling index %d in %d", index ^ 1, size)
          .isEqualTo(false);
      List<Bytes> shorter = path.subList(0, path.size() - 1);
      assertThat(InclusionProof.verify(index, size, leaf, shorter, root)).isFalse();
      List<Bytes> flipped = new ArrayList<>(path);
      flipped.set(0, flipped.get(0).withBitFlipped(-1));
      assertThat(InclusionProof.verify(index, size, leaf, flipped, root)).isFalse();
    }
    List<Bytes> longer = new ArrayList<>(path);
    longer.add(root);
    assertThat(InclusionProof.verify(index, size, leaf, longer, root)).isFalse();
    if (path.size() > 1 && !path.get(0).equals(path.get(1))) {
      List<Bytes> swapped = new ArrayList<>(path);
      Collections.swap(swapped, 0, 1);
      assertThat(InclusionProof.verify(index, size, leaf, swapped, root)).isFalse();
    }
  }

  @Test
  void earlierTreeHeadsStayStableAsTheTreeGrows() {
    MerkleTree tree = new MerkleTree();
    List<Bytes> heads = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      tree.append(new byte[] {(byte) i, (byte) (i >> 8)});
      heads.add(tree.root());
    }
    for (int size = 1; size <= 300; size++) {
      assertThat(tree.root(size)).isEqualTo(heads.get(size - 1));
    }
  }

  @Test
  void splitPointIsTheLargestPowerOfTwoBelowTheSize() {
    assertThat(MerkleTree.largestPowerOfTwoBelow(2)).isEqualTo(1);
    assertThat(MerkleTree.largestPowerOfTwoBelow(3)).isEqualTo(2);
    assertThat(MerkleTree.largestPowerOfTwoBelow(8)).isEqualTo(4);
    assertThat(MerkleTree.largestPowerOfTwoBelow(9)).isEqualTo(8);
  }

  @Test
  void refusesIndicesAndSizesOutsideTheTree() {
    MerkleTree tree = referenceTree();
    assertThatThrownBy(() -> tree.inclusionProof(8, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> tree.root(9)).isInstanceOf(IllegalArgumentException.class);
  }
}
