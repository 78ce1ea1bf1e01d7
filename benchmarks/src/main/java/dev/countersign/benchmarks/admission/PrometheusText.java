package dev.countersign.benchmarks.admission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples read from the Prometheus text format ({@code /metrics}): {@code name{labels} value}
 * lines, comments skipped. Enough for summing a counter over its label values.
 */
final class PrometheusText {
  /** One sample. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  static PrometheusText parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      if (space <= 0) {
        continue;
      }
      String name;
      Map<String, String> labels = new LinkedHashMap<>();
      if (brace > 0 && brace < space) {
        name = line.substring(0, brace);
        int close = line.lastIndexOf('}');
        parseLabels(line.substring(brace + 1, close), labels);
      } else {
        name = line.substring(0, space).trim();
      }
      double value;
      try {
        value = Double.parseDouble(line.substring(space + 1).trim());
      } catch (NumberFormatException e) {
        continue;
      }
      out.add(new Sample(name, labels, value));
    }
    return new PrometheusText(out);
  }

  private static void parseLabels(String s, Map<String, String> into) {
    int i = 0;
    while (i < s.length()) {
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        return;
      }
      String key = s.substring(i, eq).trim();
      int open = s.indexOf('"', eq);
      StringBuilder v = new StringBuilder();
      int j = open + 1;
      while (j < s.length() && s.charAt(j) != '"') {
        if (s.charAt(j) == '\\' && j + 1 < s.length()) {
          j++;
        }
        v.append(s.charAt(j));
        j++;
      }
      into.put(key, v.toString());
      int comma = s.indexOf(',', j);
      if (comma < 0) {
        return;
      }
      i = comma + 1;
    }
  }

  /**
   * The sum of {@code name}'s samples whose labels include {@code labelPairs} (key, value, ...); 0
   * when there is none.
   */
  double sum(String name, String... labelPairs) {
    double total = 0;
    for (Sample s : samples) {
      if (!s.name().equals(name)) {
        continue;
      }
      boolean match = true;
      for (int k = 0; k + 1 < labelPairs.length; k += 2) {
        if (!labelPairs[k + 1].equals(s.labels().get(labelPairs[k]))) {
          match = false;
          break;
        }
      }
      if (match) {
        total += s.value();
      }
    }
    return total;
  }

  /** Whether {@code name} has any sample. */
  boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }
}
