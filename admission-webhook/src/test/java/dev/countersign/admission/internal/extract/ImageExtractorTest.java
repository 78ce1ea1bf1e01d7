package dev.countersign.admission.internal.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageExtractorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String POD_SPEC =
      "{\"initContainers\":[{\"name\":\"a\",\"image\":\"init:1\"},{\"name\":\"b\",\"image\":\"init:2\"}],"
          + "\"containers\":[{\"name\":\"c\",\"image\":\"app:1\"}],"
          + "\"ephemeralContainers\":[{\"name\":\"d\",\"image\":\"debug:1\"}]}";

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** An object with the pod spec at {@code pointer} (a chain of object keys). */
  static JsonNode objectWithSpecAt(String pointer) {
    String inner = POD_SPEC;
    String[] keys = pointer.substring(1).split("/");
    for (int i = keys.length - 1; i >= 0; i--) {
      inner = "{\"" + keys[i] + "\":" + inner + "}";
    }
    return json(inner);
  }

  static Extraction extract(String group, String kind, JsonNode object) {
    return new ImageExtractor(new PodSpecPaths(Map.of())).extract(group, kind, object);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "'', Pod, /spec, spec",
    "'', ReplicationController, /spec/template/spec, spec.template.spec",
    "'', PodTemplate, /template/spec, template.spec",
    "apps, Deployment, /spec/template/spec, spec.template.spec",
    "apps, ReplicaSet, /spec/template/spec, spec.template.spec",
    "apps, StatefulSet, /spec/template/spec, spec.template.spec",
    "apps, DaemonSet, /spec/template/spec, spec.template.spec",
    "batch, Job, /spec/template/spec, spec.template.spec",
    "batch, CronJob, /spec/jobTemplate/spec/template/spec, spec.jobTemplate.spec.template.spec"
  })
  void everyBuiltInKindYieldsEveryContainerListWithFieldPaths(
      String group, String kind, String pointer, String path) {
    Extraction e = extract(group, kind, objectWithSpecAt(pointer));
    assertThat(e.problems()).isEmpty();
    assertThat(e.images())
        .extracting(ImageField::fieldPath)
        .containsExactly(
            path + ".initContainers[0].image",
            path + ".initContainers[1].image",
            path + ".containers[0].image",
            path + ".ephemeralContainers[0].image");
    assertThat(e.images())
        .extracting(ImageField::jsonPointer)
        .containsExactly(
            pointer + "/initContainers/0/image",
            pointer + "/initContainers/1/image",
            pointer + "/containers/0/image",
            pointer + "/ephemeralContainers/0/image");
    assertThat(e.images())
        .extracting(ImageField::image)
        .containsExactly("init:1", "init:2", "app:1", "debug:1");
  }

  @Test
  void customResourcesUseConfiguredPathsWithWildcards() {
    ImageExtractor x =
        new ImageExtractor(
            new PodSpecPaths(
                Map.of(
                    "kubeflow.org/PyTorchJob",
                    List.of("/spec/pytorchReplicaSpecs/*/template/spec"),
                    "Rollout",
                    List.of("/spec/template/spec"))));
    JsonNode job =
        json(
            "{\"spec\":{\"pytorchReplicaSpecs\":{"
                + "\"Master\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"trainer:1\"}]}}},"
                + "\"Worker\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"trainer:1\"},{\"image\":\"sidecar:2\"}]}}}}}}");
    Extraction e = x.extract("kubeflow.org", "PyTorchJob", job);
    assertThat(e.problems()).isEmpty();
    assertThat(e.images())
        .extracting(ImageField::fieldPath)
        .containsExactly(
            "spec.pytorchReplicaSpecs.Master.template.spec.containers[0].image",
            "spec.pytorchReplicaSpecs.Worker.template.spec.containers[0].image",
            "spec.pytorchReplicaSpecs.Worker.template.spec.containers[1].image");
    Extraction rollout =
        x.extract("argoproj.io", "Rollout", objectWithSpecAt("/spec/template/spec"));
    assertThat(rollout.images()).hasSize(4);
    // A configured kind whose path is absent is refused, not waved through.
    Extraction missing =
        x.extract("argoproj.io", "Rollout", json("{\"spec\":{\"workloadRef\":{}}}"));
    assertThat(missing.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.detail()).contains("no pod spec at /spec/template/spec"));
  }

  @Test
  void arraysInPointersAreIndexed() {
    ImageExtractor x =
        new ImageExtractor(new PodSpecPaths(Map.of("Batch", List.of("/spec/jobs/1/spec"))));
    JsonNode o =
        json(
            "{\"spec\":{\"jobs\":[{\"spec\":{\"containers\":[{\"image\":\"a\"}]}},"
                + "{\"spec\":{\"containers\":[{\"image\":\"b\"}]}}]}}");
    assertThat(x.extract("example.com", "Batch", o).images())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.fieldPath()).isEqualTo("spec.jobs[1].spec.containers[0].image");
              assertThat(f.jsonPointer()).isEqualTo("/spec/jobs/1/spec/containers/0/image");
              assertThat(f.image()).isEqualTo("b");
            });
  }

  @Test
  void unknownKindsAreSearchedAtTheConventionalPlaces() {
    Extraction templated =
        extract("example.com", "Workload", objectWithSpecAt("/spec/template/spec"));
    assertThat(templated.images()).hasSize(4);
    assertThat(templated.images().get(0).fieldPath())
        .isEqualTo("spec.template.spec.initContainers[0].image");
    Extraction podLike = extract("example.com", "Sandbox", objectWithSpecAt("/spec"));
    assertThat(podLike.images()).hasSize(4);
    Extraction none = extract("", "ConfigMap", json("{\"data\":{\"image\":\"x\"}}"));
    assertThat(none.images()).isEmpty();
    assertThat(none.problems()).isEmpty();
  }

  @Test
  void brokenFieldsAreReportedWhereTheyAre() {
    Extraction e =
        extract(
            "",
            "Pod",
            json(
                "{\"spec\":{\"containers\":[{\"name\":\"x\"},{\"image\":7},{\"image\":\" \"},\"oops\"],"
                    + "\"initContainers\":{\"not\":\"a list\"}}}"));
    assertThat(e.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.fieldPath()).isEqualTo("spec.initContainers"));
    assertThat(e.images())
        .extracting(f -> f.fieldPath() + " " + f.problem().orElse(""))
        .containsExactly(
            "spec.containers[0].image the container has no image",
            "spec.containers[1].image the image is not a string",
            "spec.containers[2].image the image is empty",
            "spec.containers[3].image the container is not an object");
  }

  @Test
  void workloadsWithoutContainersOrPodSpecAreProblems() {
    assertThat(extract("apps", "Deployment", json("{\"spec\":{}}")).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.fieldPath()).isEqualTo("object"));
    assertThat(extract("", "Pod", json("{\"spec\":{\"containers\":[]}}")).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.detail()).isEqualTo("the pod spec has no containers"));
    assertThat(extract("", "Pod", json("{\"spec\":\"text\"}")).problems())
        .singleElement()
        .satisfies(p -> assertThat(p.detail()).isEqualTo("the pod spec is not an object"));
  }

  @Test
  void pointerSegmentsAreUnescaped() {
    ImageExtractor x =
        new ImageExtractor(new PodSpecPaths(Map.of("Odd", List.of("/spec/a~1b/c~0d"))));
    JsonNode o = json("{\"spec\":{\"a/b\":{\"c~d\":{\"containers\":[{\"image\":\"z\"}]}}}}");
    assertThat(x.extract("", "Odd", o).images())
        .singleElement()
        .satisfies(
            f -> assertThat(f.jsonPointer()).isEqualTo("/spec/a~1b/c~0d/containers/0/image"));
  }
}
