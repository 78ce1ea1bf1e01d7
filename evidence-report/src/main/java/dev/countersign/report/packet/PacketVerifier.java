package dev.countersign.report.packet;

import dev.countersign.report.packet.internal.PacketCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks that a packet is exactly as it was signed: the manifest's signature, every file's SHA-256,
 * no file added or removed, and the CMMC hashing logs consistent with the files.
 *
 * <pre>{@code
 * PacketVerification v = PacketVerifier.verify(Path.of("packet"), Optional.of(publicKey));
 * v.findings().forEach(System.out::println);   // CHANGED evidence/..., ADDED ..., REMOVED ...
 * }</pre>
 */
public final class PacketVerifier {
  private PacketVerifier() {}

  /**
   * @param key the key the manifest must be signed with; empty to use the packet's own {@code
   *     manifest.pub}, which shows the packet is intact since signing but not who signed it
   * @throws PacketException when the folder does not exist
   * @throws IOException when a file cannot be read
   */
  public static PacketVerification verify(Path folder, Optional<PublicKey> key) throws IOException {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(key, "key");
    if (!Files.isDirectory(folder)) {
      throw new PacketException(
          PacketException.Reason.INPUT_UNREADABLE, folder + " is not a packet folder");
    }
    return new PacketCheck(folder, key).run();
  }
}
