package dev.countersign.benchmarks.pool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk form of a bundle pool: one binary file holding the trusted root, the signer identity
 * and every bundle with its artifact digest. Written to a temporary file and moved into place, so
 * an interrupted generation never leaves a truncated pool behind.
 */
final class PoolFile {
  private static final int MAGIC = 0x43534250; // "CSBP"
  private static final int FORMAT = 1;

  private PoolFile() {}

  /** The contents of a pool file. */
  record Contents(
      byte[] trustedRootJson,
      String subjectAlternativeName,
      String issuer,
      int proofDepth,
      List<PooledBundle> bundles) {}

  static void write(Path file, Contents contents) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      writeBytes(out, contents.trustedRootJson());
      out.writeUTF(contents.subjectAlternativeName());
      out.writeUTF(contents.issuer());
      out.writeInt(contents.proofDepth());
      out.writeInt(contents.bundles().size());
      for (PooledBundle b : contents.bundles()) {
        writeBytes(out, b.sha256());
        writeBytes(out, b.json());
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static Contents read(Path file) throws IOException {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
        throw new IOException(file + " is not a bundle pool of format " + FORMAT);
      }
      byte[] root = readBytes(in);
      String san = in.readUTF();
      String issuer = in.readUTF();
      int depth = in.readInt();
      int count = in.readInt();
      List<PooledBundle> bundles = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] digest = readBytes(in);
        bundles.add(new PooledBundle(readBytes(in), digest));
      }
      return new Contents(root, san, issuer, depth, bundles);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (64 << 20)) {
      throw new IOException("corrupt bundle pool: record of " + n + " bytes");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
