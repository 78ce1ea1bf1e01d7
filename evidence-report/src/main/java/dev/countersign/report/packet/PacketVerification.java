package dev.countersign.report.packet;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of checking a packet against its signed manifest.
 *
 * @param folder the packet checked
 * @param findings every file that was changed, added or removed, and any signature problem
 * @param filesChecked files whose hash was compared
 * @param keyId the SHA-256 (hex) of the key the signature was checked with
 * @param keyFromPacket true when no key was given and the packet's own {@code manifest.pub} was
 *     used: that proves the packet is intact since signing, not who signed it; compare {@code
 *     keyId} with the one recorded elsewhere
 */
public record PacketVerification(
    Path folder,
    List<FileFinding> findings,
    long filesChecked,
    String keyId,
    boolean keyFromPacket) {
  public PacketVerification {
    Objects.requireNonNull(folder, "folder");
    findings = List.copyOf(findings);
    keyId = keyId == null ? "" : keyId;
  }

  /** Intact: the signature verified and every file matched. Checking nothing is never intact. */
  public boolean valid() {
    return findings.isEmpty() && filesChecked > 0 && !keyId.isEmpty();
  }
}
