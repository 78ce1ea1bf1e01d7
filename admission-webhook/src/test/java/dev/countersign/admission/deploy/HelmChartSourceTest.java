package dev.countersign.admission.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.countersign.verify.policy.Mode;
import dev.countersign.verify.policy.PolicySet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's sources read as files, independently of any renderer: values against the schema,
 * value references, named templates, block structure and Chart.yaml.
 */
class HelmChartSourceTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern VALUES_REF =
      Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
  private static final Pattern INCLUDE = Pattern.compile("(?:include|template) \"([^\"]+)\"");
  private static final Pattern DEFINE = Pattern.compile("\\{\\{-?\\s*define \"([^\"]+)\"");
  private static final Pattern ACTION =
      Pattern.compile("\\{\\{-?\\s*(/\\*.*?\\*/|[^}]*?)\\s*-?}}", Pattern.DOTALL);
  private static final Pattern BLOCK_START = Pattern.compile("^(if|range|with|define|block)\\b");

  @Test
  void defaultValuesSatisfyTheSchema() throws IOException {
    List<Error> errors = schema().validate(values());

    assertThat(errors).as("values.yaml against values.schema.json").isEmpty();
  }

  @Test
  void schemaRejectsUnsafeOrMisspeltValues() throws IOException {
    Map<String, Consumer<ObjectNode>> changes = new LinkedHashMap<>();
    changes.put("one replica", v -> v.put("replicaCount", 1));
    changes.put(
        "timeout above 30s", v -> ((ObjectNode) v.get("webhook")).put("timeoutSeconds", 31));
    changes.put(
        "failurePolicy value", v -> ((ObjectNode) v.get("webhook")).put("failurePolicy", "Ignore"));
    changes.put("misspelt key", v -> v.put("replicasCount", 3));
    changes.put("no resource limits", v -> ((ObjectNode) v.get("resources")).remove("limits"));
    changes.put("runAsUser root", v -> v.put("runAsUser", 0));
    changes.put("bad deadline", v -> ((ObjectNode) v.get("webhook")).put("deadline", "8"));
    changes.put(
        "policy file not yaml",
        v -> ((ObjectNode) v.get("policies").get("files")).put("policy.txt", "x"));
    Schema schema = schema();
    for (Map.Entry<String, Consumer<ObjectNode>> change : changes.entrySet()) {
      ObjectNode v = (ObjectNode) values();
      change.getValue().accept(v);

      assertThat(schema.validate(v)).as("schema errors for %s", change.getKey()).isNotEmpty();
    }
  }

  @Test
  void everyValueReferencedByATemplateIsDefined() throws IOException {
    JsonNode values = values();
    Set<String> missing = new TreeSet<>();
    for (String ref : valueReferences()) {
      JsonNode node = values;
      for (String key : ref.split("\\.")) {
        node = node == null || !node.isObject() ? null : node.get(key);
      }
      if (node == null) {
        missing.add(ref);
      }
    }

    assertThat(missing).as(".Values references not in values.yaml").isEmpty();
  }

  @Test
  void everyDefinedValueIsUsedByATemplate() throws IOException {
    Set<String> refs = valueReferences();
    List<String> leaves = new ArrayList<>();
    leaves(values(), "", leaves);
    List<String> unused =
        leaves.stream()
            .filter(
                leaf -> refs.stream().noneMatch(r -> leaf.equals(r) || leaf.startsWith(r + ".")))
            .toList();

    assertThat(leaves).isNotEmpty();
    assertThat(unused).as("values nothing reads").isEmpty();
  }

  @Test
  void everyIncludeHasADefineAndEveryDefineIsIncluded() throws IOException {
    Set<String> defined = new LinkedHashSet<>();
    Set<String> included = new LinkedHashSet<>();
    for (Path f : templateFiles()) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      Matcher d = DEFINE.matcher(text);
      while (d.find()) {
        assertThat(defined.add(d.group(1))).as("%s is defined once", d.group(1)).isTrue();
      }
      Matcher inc = INCLUDE.matcher(text);
      while (inc.find()) {
        included.add(inc.group(1));
      }
    }

    assertThat(defined).as("named templates").isNotEmpty();
    assertThat(defined).allMatch(n -> n.startsWith("countersign-webhook."));
    assertThat(included).as("includes without a define").isSubsetOf(defined);
    assertThat(defined).as("defines never included").isSubsetOf(included);
  }

  @Test
  void everyTemplateBlockIsClosedInOrder() throws IOException {
    for (Path f : templateFiles()) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      Deque<String> open = new ArrayDeque<>();
      Matcher m = ACTION.matcher(text);
      while (m.find()) {
        String action = m.group(1).strip();
        if (action.startsWith("/*")) {
          continue;
        }
        Matcher start = BLOCK_START.matcher(action);
        if (start.find()) {
          open.push(start.group(1));
        } else if (action.equals("end")) {
          assertThat(open).as("%s: 'end' without an open block", f.getFileName()).isNotEmpty();
          open.pop();
        } else if (action.startsWith("else")) {
          assertThat(open.peek())
              .as("%s: 'else' belongs to if, range or with", f.getFileName())
              .isIn("if", "range", "with");
        }
      }
      assertThat(open).as("%s: blocks left open", f.getFileName()).isEmpty();
    }
  }

  @Test
  void chartMetadataIsCompleteAndMatchesTheProjectVersion() throws IOException {
    JsonNode chart = YAML.readTree(DeployFiles.chart().resolve("Chart.yaml").toFile());

    assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
    assertThat(chart.path("name").asText()).isEqualTo(DeployFiles.chart().getFileName().toString());
    assertThat(chart.path("type").asText()).isEqualTo("application");
    assertThat(chart.path("version").asText())
        .matches("[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?");
    assertThat(chart.path("kubeVersion").asText()).isNotBlank();
    assertThat(chart.path("description").asText()).isNotBlank();
    assertThat(chart.path("appVersion").asText())
        .as("appVersion is the release of the project the image is built from")
        .isEqualTo(projectVersion().replace("-SNAPSHOT", ""));
  }

  @Test
  void defaultPolicyCompilesAndOnlyAudits() throws IOException {
    JsonNode files = values().path("policies").path("files");
    assertThat(files.size()).isPositive();
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();

      PolicySet set =
          PolicySet.parse(f.getKey(), f.getValue().asText(), DeployFiles.chart().toAbsolutePath());

      assertThat(set.policies()).isNotEmpty();
      // Installing the chart must not start denying workloads before the policies are reviewed.
      assertThat(set.policies()).allSatisfy(p -> assertThat(p.mode()).isEqualTo(Mode.AUDIT));
    }
  }

  private static Schema schema() throws IOException {
    String text =
        Files.readString(DeployFiles.chart().resolve("values.schema.json"), StandardCharsets.UTF_8);
    JsonNode declared = new ObjectMapper().readTree(text);
    assertThat(declared.path("$schema").asText()).contains("draft-07");
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
        .getSchema(text, InputFormat.JSON);
  }

  private static JsonNode values() throws IOException {
    return YAML.readTree(DeployFiles.chart().resolve("values.yaml").toFile());
  }

  private static List<Path> templateFiles() throws IOException {
    try (Stream<Path> s = Files.list(DeployFiles.chart().resolve("templates"))) {
      List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
      assertThat(files).isNotEmpty();
      return files;
    }
  }

  /** Every {@code .Values.a.b} path the templates read (including {@code $.Values}). */
  private static Set<String> valueReferences() throws IOException {
    Set<String> refs = new TreeSet<>();
    for (Path f : templateFiles()) {
      Matcher m = VALUES_REF.matcher(Files.readString(f, StandardCharsets.UTF_8));
      while (m.find()) {
        refs.add(m.group(1).substring(1));
      }
    }
    assertThat(refs).isNotEmpty();
    return refs;
  }

  private static void leaves(JsonNode node, String path, List<String> out) {
    if (node.isObject() && node.size() > 0) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
      }
    } else {
      out.add(path);
    }
  }

  private static String projectVersion() throws IOException {
    String pom =
        Files.readString(DeployFiles.projectRoot().resolve("pom.xml"), StandardCharsets.UTF_8);
    Matcher m =
        Pattern.compile("<artifactId>countersign-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(m.find()).as("the parent pom's version").isTrue();
    return m.group(1);
  }
}
