package dev.countersign.report.packet.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The two files of the DoD CIO's CMMC Hashing Guide: {@code CMMCAssessmentArtifacts.log}, the
 * SHA-256 of every artifact, and {@code CMMCAssessmentLogHash.log}, the SHA-256 of that list.
 *
 * <p>Format: what PowerShell's {@code Get-FileHash -Algorithm SHA256 | Export-Csv
 * -NoTypeInformation} writes — a CSV with the header {@code "Algorithm","Hash","Path"}, every value
 * quoted, the hash in upper-case hex, CRLF line ends, ASCII. Paths are relative to the packet
 * folder with {@code /} separators (which PowerShell accepts on Windows too), so the list is the
 * same wherever the packet is copied. The guide's own script ({@code ArtifactHash.ps1}) writes the
 * same three columns as a PowerShell table with absolute paths; the hashes are what an assessor
 * compares, and they are identical.
 */
public final class CmmcHashLogs {
  public static final String ARTIFACTS = "CMMCAssessmentArtifacts.log";
  public static final String LOG_HASH = "CMMCAssessmentLogHash.log";
  static final String HEADER = "\"Algorithm\",\"Hash\",\"Path\"";
  static final String CRLF = "\r\n";

  private CmmcHashLogs() {}

  /** The artifacts log for these paths and lower-case hex hashes, in the order given. */
  public static byte[] artifacts(Map<String, String> sha256ByPath) {
    StringBuilder b = new StringBuilder(HEADER).append(CRLF);
    sha256ByPath.forEach((path, sha) -> b.append(line(sha, path)));
    return b.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The log-hash file for the artifacts log's bytes. */
  public static byte[] logHash(byte[] artifactsLog) {
    return (HEADER + CRLF + line(Hashes.of(artifactsLog), ARTIFACTS))
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String line(String sha256, String path) {
    return "\"SHA256\",\"" + sha256.toUpperCase(Locale.ROOT) + "\",\"" + path + "\"" + CRLF;
  }

  /**
   * Reads either file: path to lower-case hex hash, in file order; empty when the bytes are not in
   * the format above (any deviation, since the file is compared as evidence, not leniently).
   */
  public static Optional<Map<String, String>> parse(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (!text.startsWith(HEADER + CRLF) || !text.endsWith(CRLF)) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>(List.of(text.split(CRLF, -1)));
    lines.remove(lines.size() - 1);
    for (String l : lines.subList(1, lines.size())) {
      if (!l.startsWith("\"SHA256\",\"") || !l.endsWith("\"")) {
        return Optional.empty();
      }
      String rest = l.substring("\"SHA256\",\"".length(), l.length() - 1);
      int sep = rest.indexOf("\",\"");
      if (sep != 64) {
        return Optional.empty();
      }
      String hash = rest.substring(0, 64);
      String path = rest.substring(67);
      if (!hash.matches("[0-9A-F]{64}") || path.isEmpty() || path.contains("\"")) {
        return Optional.empty();
      }
      if (out.put(path, hash.toLowerCase(Locale.ROOT)) != null) {
        return Optional.empty();
      }
    }
    return Optional.of(out);
  }
}
