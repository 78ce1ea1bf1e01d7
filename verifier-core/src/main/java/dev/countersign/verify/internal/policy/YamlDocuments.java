package dev.countersign.verify.internal.policy;

import dev.countersign.verify.policy.PolicyException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads the YAML documents of a policy file, safely and with limits. */
public final class YamlDocuments {
  /** Policy files are small; a larger one is a mistake or an attack. */
  static final int MAX_CHARS = 1024 * 1024;

  private YamlDocuments() {}

  /** Every document of the text (documents separated by {@code ---}); empty documents skipped. */
  public static List<YamlNode> read(String source, String text) {
    if (text.length() > MAX_CHARS) {
      throw new PolicyException(source, "policy file is larger than " + MAX_CHARS + " characters");
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(50);
    options.setCodePointLimit(MAX_CHARS);
    options.setAllowRecursiveKeys(false);
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
            new org.yaml.snakeyaml.DumperOptions(),
            options);
    List<YamlNode> out = new ArrayList<>();
    try {
      for (Node n : yaml.composeAll(new StringReader(text))) {
        if (n != null) {
          out.add(new YamlNode(source, "", n));
        }
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = m == null ? source : source + ":" + (m.getLine() + 1);
      throw new PolicyException(where, "invalid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new PolicyException(source, "invalid YAML: " + e.getMessage());
    }
    return out;
  }
}
