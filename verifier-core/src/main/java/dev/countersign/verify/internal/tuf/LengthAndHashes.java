package dev.countersign.verify.internal.tuf;

import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.trust.TrustRootException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks a file against the length and hashes signed metadata lists for it. Every listed hash must
 * match: checking only the strongest or the first would let a listing with one good and one wrong
 * digest pass, and an algorithm this client cannot compute is a failure for the same reason.
 */
final class LengthAndHashes {
  private static final Map<String, HashAlgorithm> ALGORITHMS =
      Map.of(
          "sha256", HashAlgorithm.SHA2_256,
          "sha384", HashAlgorithm.SHA2_384,
          "sha512", HashAlgorithm.SHA2_512);

  private LengthAndHashes() {}

  /**
   * @param data the file content
   * @param length the listed length, or null when none is listed
   * @param hashes the listed hashes, possibly empty
   * @param source the file, for messages
   * @param listedBy which metadata lists these values, for messages
   */
  static void verify(
      byte[] data, Long length, Map<String, byte[]> hashes, String source, String listedBy) {
    if (length != null && data.length != length) {
      throw new TrustRootException(
          source
              + ": length mismatch: "
              + listedBy
              + " lists "
              + length
              + " bytes but the file has "
              + data.length);
    }
    for (Map.Entry<String, byte[]> e : new TreeMap<>(hashes).entrySet()) {
      HashAlgorithm algorithm = ALGORITHMS.get(e.getKey());
      if (algorithm == null) {
        throw new TrustRootException(
            source
                + ": "
                + listedBy
                + " lists a '"
                + e.getKey()
                + "' hash, which this client cannot verify (supported: sha256, sha384, sha512)");
      }
      byte[] actual = algorithm.digest(data);
      if (!MessageDigest.isEqual(actual, e.getValue())) {
        throw new TrustRootException(
            source
                + ": "
                + e.getKey()
                + " hash mismatch: "
                + listedBy
                + " lists "
                + HexFormat.of().formatHex(e.getValue())
                + " but the file hashes to "
                + HexFormat.of().formatHex(actual));
      }
    }
  }
}
