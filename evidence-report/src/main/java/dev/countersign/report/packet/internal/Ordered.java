package dev.countersign.report.packet.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Unmodifiable copies that keep a stable iteration order. {@code Map.copyOf} and {@code Set.copyOf}
 * iterate in an order that changes from one JVM run to the next, and what the packet lists in that
 * order (report rows, OSCAL, JSON files) must not: the same estate gives the same packet.
 */
final class Ordered {
  private Ordered() {}

  /** A copy iterating in {@code map}'s order. */
  static <K, V> Map<K, V> copyOf(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** A copy iterating in natural order. */
  static <E extends Comparable<? super E>> Set<E> sorted(Set<E> set) {
    return Collections.unmodifiableSet(new TreeSet<>(set));
  }
}
