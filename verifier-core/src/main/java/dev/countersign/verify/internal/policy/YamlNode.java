package dev.countersign.verify.internal.policy;

import dev.countersign.verify.policy.PolicyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node with where it came from (file, line, field path), so that every error in a policy
 * names the file, the line and the field.
 */
public final class YamlNode {
  private final String source;
  private final String path;
  private final Node node;

  YamlNode(String source, String path, Node node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  public String path() {
    return path;
  }

  public String source() {
    return source;
  }

  /** 1-based line of this node. */
  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  /** {@code file:line: path} for messages. */
  public String location() {
    return source + ":" + line() + (path.isEmpty() ? "" : ": " + path);
  }

  public PolicyException error(String message) {
    return new PolicyException(location(), message);
  }

  /**
   * An exception located at this node, unless it already names a file and line: problems found
   * below this node keep their own, more precise location.
   */
  public PolicyException relocate(PolicyException e) {
    if (e.location().matches(".+:[0-9]+(:.*)?")) {
      return e;
    }
    return new PolicyException(
        location(), (e.location().isEmpty() ? "" : e.location() + ": ") + e.detail(), e);
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** The fields of a mapping in order; keys must be plain strings. */
  public Map<String, YamlNode> fields() {
    if (!(node instanceof MappingNode)) {
      throw error("must be a mapping (key: value)");
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode)) {
        throw new YamlNode(source, path, t.getKeyNode()).error("keys must be plain strings");
      }
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      out.put(key, new YamlNode(source, path.isEmpty() ? key : path + "." + key, t.getValueNode()));
    }
    return out;
  }

  /** Fails on any field not in {@code allowed}, suggesting the closest known one. */
  public YamlNode onlyFields(Set<String> allowed) {
    for (Map.Entry<String, YamlNode> e : fields().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        String hint =
            closest(e.getKey(), allowed).map(c -> " (did you mean '" + c + "'?)").orElse("");
        throw e.getValue()
            .error(
                "unknown field '"
                    + e.getKey()
                    + "'"
                    + hint
                    + "; known fields: "
                    + new TreeSet<>(allowed));
      }
    }
    return this;
  }

  public Optional<YamlNode> field(String name) {
    YamlNode n = fields().get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  public YamlNode required(String name) {
    return field(name).orElseThrow(() -> error("required field '" + name + "' is missing"));
  }

  public boolean isNull() {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /** The scalar as text; numbers and booleans are refused where text is expected. */
  public String text() {
    if (!(node instanceof ScalarNode)) {
      throw error("must be a string");
    }
    Tag tag = node.getTag();
    if (!tag.equals(Tag.STR)) {
      throw error("must be a string (quote it if it looks like a number or boolean)");
    }
    return ((ScalarNode) node).getValue();
  }

  /** The scalar's text whatever its type (for linting values the compiler will type-check). */
  public String scalarValue() {
    if (!(node instanceof ScalarNode)) {
      throw error("must be a scalar");
    }
    return ((ScalarNode) node).getValue();
  }

  public boolean bool() {
    if (!(node instanceof ScalarNode) || !node.getTag().equals(Tag.BOOL)) {
      throw error("must be true or false");
    }
    return Boolean.parseBoolean(((ScalarNode) node).getValue().toLowerCase(java.util.Locale.ROOT));
  }

  public int integer() {
    if (!(node instanceof ScalarNode) || !node.getTag().equals(Tag.INT)) {
      throw error("must be an integer");
    }
    try {
      return Integer.parseInt(((ScalarNode) node).getValue());
    } catch (NumberFormatException e) {
      throw error("integer out of range");
    }
  }

  public List<YamlNode> list() {
    if (!(node instanceof SequenceNode)) {
      throw error("must be a list");
    }
    List<YamlNode> out = new ArrayList<>();
    List<Node> items = ((SequenceNode) node).getValue();
    for (int i = 0; i < items.size(); i++) {
      out.add(new YamlNode(source, path + "[" + i + "]", items.get(i)));
    }
    return out;
  }

  /** A list of strings. */
  public List<String> texts() {
    List<String> out = new ArrayList<>();
    for (YamlNode n : list()) {
      out.add(n.text());
    }
    return out;
  }

  static Optional<String> closest(String word, Set<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d =
          distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (bestDistance <= Math.max(2, word.length() / 4)) {
      return Optional.ofNullable(best);
    }
    // An abbreviation of a known field ("sourceRepo" for "sourceRepository").
    String lower = word.toLowerCase(java.util.Locale.ROOT);
    return lower.length() < 4
        ? Optional.empty()
        : candidates.stream()
            .filter(c -> c.toLowerCase(java.util.Locale.ROOT).startsWith(lower))
            .min(java.util.Comparator.comparingInt(String::length));
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
