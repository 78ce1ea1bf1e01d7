package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.packet.Gap;
import dev.countersign.report.packet.GapKind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every gap, written to {@code gaps.jsonl} as it is found and counted by kind; the first few of
 * each kind are also kept for the report, so a million gaps never sit in memory.
 */
public final class GapLog implements AutoCloseable {
  public static final String FILE = "evidence/gaps/gaps.jsonl";
  static final int KEPT_PER_KIND = 500;

  private final JsonLinesFile out;
  private final Map<GapKind, Long> counts = new EnumMap<>(GapKind.class);
  private final Map<GapKind, List<Gap>> kept = new EnumMap<>(GapKind.class);

  public GapLog(PacketFiles files) throws IOException {
    this.out = JsonLinesFile.create(files, FILE);
  }

  public synchronized void add(Gap gap) throws IOException {
    ObjectNode n = PacketJson.object();
    n.put("kind", gap.kind().name());
    n.put("title", gap.kind().title());
    n.put("evidenceKind", gap.kind().evidenceKind());
    n.put("subject", gap.subject());
    n.put("detail", gap.detail());
    n.put("at", gap.at().map(Instant::toString).orElse(""));
    out.write(n);
    counts.merge(gap.kind(), 1L, Long::sum);
    List<Gap> list = kept.computeIfAbsent(gap.kind(), k -> new ArrayList<>());
    if (list.size() < KEPT_PER_KIND) {
      list.add(gap);
    }
  }

  public synchronized Map<GapKind, Long> counts() {
    EnumMap<GapKind, Long> copy = new EnumMap<>(GapKind.class);
    copy.putAll(counts);
    return copy;
  }

  /** The first gaps of each kind (at most {@value #KEPT_PER_KIND}). */
  public synchronized List<Gap> kept(GapKind kind) {
    return List.copyOf(kept.getOrDefault(kind, List.of()));
  }

  public synchronized long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
