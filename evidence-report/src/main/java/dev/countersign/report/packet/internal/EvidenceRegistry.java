package dev.countersign.report.packet.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The evidence files an observation can cite: each with what it is, the query behind it and the
 * evidence kinds (CMMC evidence mapping keys) it shows. Per-image raw files are not registered one
 * by one: the index files that list them (with their hashes) are.
 */
public final class EvidenceRegistry {

  /** One citable file. */
  public record Entry(
      String path,
      String mediaType,
      String description,
      Optional<String> query,
      Set<String> kinds) {
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(description, "description");
      query = query == null ? Optional.empty() : query.map(EvidenceRegistry::oneLine);
      kinds = Set.copyOf(kinds);
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  public synchronized void add(
      String path, String mediaType, String description, String query, String... kinds) {
    Optional<String> q =
        query == null || query.isBlank() ? Optional.empty() : Optional.of(oneLine(query));
    entries.add(
        new Entry(path, mediaType, oneLine(description), q, new LinkedHashSet<>(List.of(kinds))));
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  public synchronized List<Entry> forKind(String kind) {
    return entries.stream().filter(e -> e.kinds().contains(kind)).toList();
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
