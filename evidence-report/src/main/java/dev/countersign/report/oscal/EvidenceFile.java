package dev.countersign.report.oscal;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A file in the packet that an observation rests on.
 *
 * @param path the file's path inside the packet, relative, with {@code /} separators
 * @param sha256 the SHA-256 of the file's bytes, 64 lower-case hex digits
 * @param mediaType e.g. {@code application/json}
 * @param description what the file is
 * @param query the exact query that produced the file (an API call with its parameters, a
 *     Kubernetes list, a CloudTrail lookup), on one line; empty when the file was not queried
 */
public record EvidenceFile(
    String path, String sha256, String mediaType, String description, Optional<String> query) {
  private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("^[a-z]+/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(;.*)?$");

  public EvidenceFile {
    Text.requireLine(path, "evidence path");
    if (path.startsWith("/")
        || path.contains("\\")
        || path.contains("//")
        || ("/" + path + "/").contains("/../")
        || ("/" + path + "/").contains("/./")
        || path.contains(":")) {
      throw new IllegalArgumentException(
          "evidence path must be relative inside the packet, with / separators: " + path);
    }
    Objects.requireNonNull(sha256, "sha256");
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 of " + path + " must be 64 lower-case hex digits, not " + sha256);
    }
    Text.requireLine(mediaType, "media type of " + path);
    if (!MEDIA_TYPE.matcher(mediaType).matches()) {
      throw new IllegalArgumentException("not a media type: " + mediaType);
    }
    Text.requireLine(description, "description of " + path);
    Objects.requireNonNull(query, "query");
    // Why: the query is recorded as an OSCAL property value, which is a single trimmed line; a
    // query that cannot be written exactly must be refused rather than silently reformatted.
    query.ifPresent(q -> Text.requireLine(q, "query of " + path));
  }
}
