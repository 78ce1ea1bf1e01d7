package dev.countersign.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** AdmissionReview requests as the API server sends them. */
final class Reviews {
  static final ObjectMapper JSON = new ObjectMapper();

  private Reviews() {}

  /** A pod spec with these container images. */
  static ObjectNode podSpec(String... images) {
    ObjectNode spec = JSON.createObjectNode();
    ArrayNode containers = spec.putArray("containers");
    for (int i = 0; i < images.length; i++) {
      ObjectNode c = containers.addObject();
      c.put("name", "c" + i);
      c.put("image", images[i]);
    }
    return spec;
  }

  static ObjectNode pod(String... images) {
    ObjectNode pod = JSON.createObjectNode();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    pod.putObject("metadata").put("name", "p").put("namespace", "apps");
    pod.set("spec", podSpec(images));
    return pod;
  }

  static ObjectNode deployment(String... images) {
    ObjectNode d = JSON.createObjectNode();
    d.put("apiVersion", "apps/v1");
    d.put("kind", "Deployment");
    d.putObject("metadata").put("name", "d").put("namespace", "apps");
    d.putObject("spec").putObject("template").set("spec", podSpec(images));
    return d;
  }

  /** A v1 review of a CREATE of {@code object} in namespace {@code apps}. */
  static ObjectNode review(String group, String kind, ObjectNode object) {
    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", "admission.k8s.io/v1");
    root.put("kind", "AdmissionReview");
    ObjectNode r = root.putObject("request");
    r.put("uid", UUID.randomUUID().toString());
    r.putObject("kind").put("group", group).put("version", "v1").put("kind", kind);
    r.putObject("resource")
        .put("group", group)
        .put("version", "v1")
        .put("resource", kind.toLowerCase() + "s");
    r.put("namespace", "apps");
    r.put("operation", "CREATE");
    r.putObject("userInfo").put("username", "alice").putArray("groups").add("system:authenticated");
    r.set("object", object);
    return root;
  }

  static ObjectNode podReview(String... images) {
    return review("", "Pod", pod(images));
  }

  static byte[] bytes(ObjectNode review) {
    return review.toString().getBytes(StandardCharsets.UTF_8);
  }
}
