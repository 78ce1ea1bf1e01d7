package dev.countersign.report.inventory;

import java.util.Objects;

/**
 * A file as it was received from a source (an API answer, an inventory file), kept in the packet
 * with the exact query that produced it.
 *
 * @param name a file name for the packet, with {@code /} separators allowed for sub-folders
 * @param content the bytes exactly as received
 * @param mediaType e.g. {@code application/json}
 * @param query the request on one line, e.g. {@code GET /api/v1/pods?limit=500}; empty for a file
 *     given on the command line
 */
public record RawEvidence(String name, byte[] content, String mediaType, String query) {
  public RawEvidence {
    Objects.requireNonNull(name, "name");
    content = content.clone();
    Objects.requireNonNull(mediaType, "mediaType");
    query = query == null ? "" : query.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }
}
