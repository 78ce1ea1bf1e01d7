package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionLogKeys;
import dev.countersign.report.packet.FileFinding;
import dev.countersign.report.packet.FileFinding.Kind;
import dev.countersign.report.packet.PacketVerification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a packet against its seal. The signature vouches for {@code manifest.json}; the manifest
 * for every other file; the CMMC artifacts log is checked line by line against the same hashes, and
 * the log-hash file against the artifacts log. Every changed, added or removed file is named. The
 * check never stops at the first problem: an assessor wants the whole list.
 */
public final class PacketCheck {
  private final Path root;
  private final Optional<PublicKey> givenKey;
  private final List<FileFinding> findings = new ArrayList<>();
  private final Set<String> named = new HashSet<>();
  private final Hashes hashes = new Hashes();

  public PacketCheck(Path root, Optional<PublicKey> givenKey) {
    this.root = root.toAbsolutePath().normalize();
    this.givenKey = givenKey;
  }

  public PacketVerification run() throws IOException {
    List<String> actual = actualFiles();
    Set<String> actualSet = new TreeSet<>(actual);

    // 1. The manifest and its signature.
    byte[] manifestBytes = read(PacketIntegrity.MANIFEST);
    JsonNode manifest = null;
    if (manifestBytes != null) {
      try {
        manifest = PacketJson.MAPPER.readTree(manifestBytes);
        if (!PacketIntegrity.FORMAT.equals(manifest.path("format").asText())
            || !manifest.path("files").isArray()) {
          add(Kind.MALFORMED, PacketIntegrity.MANIFEST, "not a Countersign packet manifest");
          manifest = null;
        }
      } catch (IOException e) {
        add(Kind.MALFORMED, PacketIntegrity.MANIFEST, "not JSON: " + e.getMessage());
        manifest = null;
      }
    }
    String keyId = "";
    boolean keyFromPacket = givenKey.isEmpty();
    PublicKey key = givenKey.orElse(null);
    if (key == null) {
      byte[] pem = read(PacketIntegrity.PUBLIC_KEY);
      if (pem != null) {
        try {
          key =
              DecisionLogKeys.parsePublicKey(
                  new String(pem, StandardCharsets.US_ASCII), PacketIntegrity.PUBLIC_KEY);
        } catch (DecisionLogException e) {
          add(Kind.MALFORMED, PacketIntegrity.PUBLIC_KEY, e.getMessage());
        }
      }
    }
    boolean signatureValid = false;
    byte[] sigBytes = read(PacketIntegrity.SIGNATURE);
    if (sigBytes != null && manifestBytes != null && key != null) {
      try {
        JsonNode sig = PacketJson.MAPPER.readTree(sigBytes);
        byte[] value = Base64.getDecoder().decode(sig.path("signature").asText(""));
        String id = ManifestKey.keyId(key);
        if (!id.equals(sig.path("keyId").asText())) {
          add(
              Kind.SIGNATURE_INVALID,
              PacketIntegrity.SIGNATURE,
              "signed by key " + sig.path("keyId").asText() + ", not by key " + id);
        } else if (!ManifestKey.verify(key, sig.path("algorithm").asText(), manifestBytes, value)) {
          add(
              Kind.SIGNATURE_INVALID,
              PacketIntegrity.SIGNATURE,
              "the signature does not verify over manifest.json with key "
                  + id
                  + ": manifest.json or manifest.sig was changed");
        } else {
          signatureValid = true;
          keyId = id;
        }
      } catch (IOException | IllegalArgumentException e) {
        add(Kind.MALFORMED, PacketIntegrity.SIGNATURE, "not a signature file: " + e.getMessage());
      }
    }

    // 2. Every file against the manifest (or, without a readable manifest, the artifacts log).
    Map<String, String> expected = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    if (manifest != null) {
      for (JsonNode f : manifest.get("files")) {
        expected.put(f.path("path").asText(), f.path("sha256").asText());
        sizes.put(f.path("path").asText(), f.path("size").asLong(-1));
      }
    }
    byte[] artifactsBytes = read(CmmcHashLogs.ARTIFACTS);
    Optional<Map<String, String>> logged =
        artifactsBytes == null ? Optional.empty() : CmmcHashLogs.parse(artifactsBytes);
    if (artifactsBytes != null && logged.isEmpty()) {
      add(Kind.CHANGED, CmmcHashLogs.ARTIFACTS, "not in the hashing guide's CSV format any more");
    }
    if (manifest == null && logged.isPresent()) {
      logged
          .get()
          .forEach(
              (p, h) -> {
                if (!PacketIntegrity.SEAL.contains(p)) {
                  expected.put(p, h);
                }
              });
    }
    long checked = 0;
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String p = e.getKey();
      if (!actualSet.contains(p)) {
        add(Kind.REMOVED, p, "listed in the manifest, missing from the packet");
        continue;
      }
      checked++;
      Path file = root.resolve(p);
      long size = Files.size(file);
      Long want = sizes.get(p);
      if ((want != null && want >= 0 && want != size) || !hashes.file(file).equals(e.getValue())) {
        add(Kind.CHANGED, p, "its SHA-256 is not the one the manifest records");
      }
    }
    for (String p : actual) {
      if (!expected.containsKey(p) && !PacketIntegrity.SEAL.contains(p)) {
        add(Kind.ADDED, p, "not in the manifest: added after the packet was signed");
      }
    }

    // 3. The CMMC artifacts log, line by line, and the log hash.
    if (logged.isPresent()) {
      checked++;
      Map<String, String> log = logged.get();
      boolean logChanged = false;
      for (String special : List.of(PacketIntegrity.MANIFEST, PacketIntegrity.SIGNATURE)) {
        if (!actualSet.contains(special)) {
          continue;
        }
        String have = hashes.file(root.resolve(special));
        String listed = log.get(special);
        if (listed == null) {
          logChanged = true;
        } else if (!listed.equals(have)) {
          if (signatureValid) {
            logChanged = true;
          } else {
            // The signature failed: the log tells which of the two files differs.
            add(Kind.CHANGED, special, "its SHA-256 is not the one the CMMC artifacts log records");
          }
        }
        checked++;
      }
      Set<String> shouldList = new TreeSet<>(expected.keySet());
      shouldList.add(PacketIntegrity.MANIFEST);
      shouldList.add(PacketIntegrity.SIGNATURE);
      for (Map.Entry<String, String> e : log.entrySet()) {
        String p = e.getKey();
        if (!shouldList.contains(p)) {
          logChanged = true;
        } else if (expected.containsKey(p) && !expected.get(p).equals(e.getValue())) {
          logChanged = true;
        }
      }
      for (String p : shouldList) {
        if (!log.containsKey(p)) {
          logChanged = true;
        }
      }
      if (logChanged && manifest != null) {
        add(
            Kind.CHANGED,
            CmmcHashLogs.ARTIFACTS,
            "its lines do not match the files the signed manifest records");
      }
      byte[] logHash = read(CmmcHashLogs.LOG_HASH);
      if (logHash != null) {
        Optional<Map<String, String>> lh = CmmcHashLogs.parse(logHash);
        String want = Hashes.of(artifactsBytes);
        boolean ok =
            lh.isPresent()
                && lh.get().size() == 1
                && want.equals(lh.get().get(CmmcHashLogs.ARTIFACTS));
        if (!ok && !named.contains(CmmcHashLogs.ARTIFACTS)) {
          add(
              Kind.CHANGED,
              CmmcHashLogs.LOG_HASH,
              "does not hold the SHA-256 of CMMCAssessmentArtifacts.log");
        }
        checked++;
      }
    }
    if (!signatureValid) {
      keyId = "";
    }
    return new PacketVerification(root, findings, checked, keyId, keyFromPacket);
  }

  private byte[] read(String relative) throws IOException {
    Path p = root.resolve(relative);
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      add(Kind.REMOVED, relative, "missing: every packet has it");
      return null;
    }
    return Files.readAllBytes(p);
  }

  private List<String> actualFiles() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.equals(root) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          add(Kind.ADDED, rel, "not a regular file (a link or device): packets hold files only");
          continue;
        }
        out.add(rel);
      }
    }
    out.sort(null);
    return out;
  }

  private void add(Kind kind, String path, String message) {
    if (named.add(path + "|" + kind)) {
      named.add(path);
      findings.add(new FileFinding(kind, path, message));
    }
  }
}
