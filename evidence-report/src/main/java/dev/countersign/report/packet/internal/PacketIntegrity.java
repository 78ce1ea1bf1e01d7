package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.report.aws.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The packet's seal, written last: {@code manifest.pub}, {@code manifest.json} (every file's path,
 * size and SHA-256 with the packet's metadata), {@code manifest.sig} (its signature), then the CMMC
 * hashing guide's {@code CMMCAssessmentArtifacts.log} (every file, the manifest and its signature
 * included) and {@code CMMCAssessmentLogHash.log}.
 */
public final class PacketIntegrity {
  public static final String FORMAT = "countersign.dev/audit-packet/v1";
  public static final String MANIFEST = "manifest.json";
  public static final String SIGNATURE = "manifest.sig";
  public static final String PUBLIC_KEY = "manifest.pub";

  /** The files that describe the others and so are not listed in the manifest. */
  public static final Set<String> SEAL =
      Set.of(MANIFEST, SIGNATURE, CmmcHashLogs.ARTIFACTS, CmmcHashLogs.LOG_HASH);

  /** What sealing produced. */
  public record Sealed(String manifestSha256, String logHash, String keyId, long files) {}

  private PacketIntegrity() {}

  /**
   * @param metadata the manifest's metadata (everything but {@code files} and {@code signing})
   */
  public static Sealed seal(
      PacketFiles files,
      Hashes hashes,
      ObjectNode metadata,
      PrivateKey key,
      boolean ephemeral,
      Progress progress)
      throws IOException {
    PublicKey publicKey = DecisionLogKeys.publicKeyOf(key);
    String keyId = ManifestKey.keyId(publicKey);
    files.write(PUBLIC_KEY, DecisionLogKeys.toPem(publicKey).getBytes(StandardCharsets.US_ASCII));

    List<String> paths = list(files.root());
    ObjectNode manifest = metadata.deepCopy();
    manifest.put("format", FORMAT);
    ObjectNode signing = manifest.putObject("signing");
    signing.put("algorithm", ManifestKey.algorithm(publicKey));
    signing.put("keyId", keyId);
    signing.put("publicKeyFile", PUBLIC_KEY);
    signing.put("ephemeral", ephemeral);
    ArrayNode list = manifest.putArray("files");
    long done = 0;
    for (String p : paths) {
      if (SEAL.contains(p)) {
        continue;
      }
      Path file = files.resolve(p);
      ObjectNode f = list.addObject();
      f.put("path", p);
      f.put("size", Files.size(file));
      f.put("sha256", hashes.file(file));
      progress.update("hashing files", ++done, paths.size());
    }
    byte[] manifestBytes = PacketJson.pretty(manifest);
    files.write(MANIFEST, manifestBytes);
    byte[] signature = ManifestKey.sign(key, publicKey, manifestBytes);
    ObjectNode sig = PacketJson.object();
    sig.put("algorithm", ManifestKey.algorithm(publicKey));
    sig.put("keyId", keyId);
    sig.put("signature", Base64.getEncoder().encodeToString(signature));
    files.write(SIGNATURE, PacketJson.pretty(sig));

    Map<String, String> all = new LinkedHashMap<>();
    for (String p : list(files.root())) {
      if (!p.equals(CmmcHashLogs.ARTIFACTS) && !p.equals(CmmcHashLogs.LOG_HASH)) {
        all.put(p, hashes.file(files.resolve(p)));
      }
    }
    byte[] artifacts = CmmcHashLogs.artifacts(all);
    files.write(CmmcHashLogs.ARTIFACTS, artifacts);
    files.write(CmmcHashLogs.LOG_HASH, CmmcHashLogs.logHash(artifacts));
    return new Sealed(
        Hashes.of(manifestBytes),
        Hashes.of(artifacts).toUpperCase(java.util.Locale.ROOT),
        keyId,
        all.size() + 2L);
  }

  /** Every regular file under the folder, relative with {@code /}, in ordinal order. */
  public static List<String> list(Path root) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(p -> !p.equals(root))
          .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .forEach(p -> out.add(root.relativize(p).toString().replace('\\', '/')));
    }
    out.sort(null);
    return out;
  }
}
