package dev.countersign.benchmarks.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An {@code admission.k8s.io/v1} AdmissionReview of a Pod CREATE, as the API server sends it,
 * serialised once; each request gets its own uid spliced in, so building a body costs a copy.
 */
final class PodReview {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UID_MARK = "countersign-bench-uid-mark";

  private final List<String> images;
  private final byte[] prefix;
  private final byte[] suffix;

  private PodReview(List<String> images, byte[] prefix, byte[] suffix) {
    this.images = images;
    this.prefix = prefix;
    this.suffix = suffix;
  }

  /** A pod named {@code name} in namespace {@code apps} with one container per image. */
  static PodReview of(String name, List<String> images) {
    ObjectNode pod = JSON.createObjectNode();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    pod.putObject("metadata").put("name", name).put("namespace", "apps");
    ObjectNode spec = pod.putObject("spec");
    ArrayNode containers = spec.putArray("containers");
    for (int i = 0; i < images.size(); i++) {
      ObjectNode c = containers.addObject();
      c.put("name", "c" + i);
      c.put("image", images.get(i));
      c.putArray("args").add("--port=" + (8080 + i));
      c.putObject("resources").putObject("requests").put("cpu", "100m").put("memory", "64Mi");
    }
    spec.put("serviceAccountName", "default");
    spec.put("restartPolicy", "Always");

    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", "admission.k8s.io/v1");
    root.put("kind", "AdmissionReview");
    ObjectNode r = root.putObject("request");
    r.put("uid", UID_MARK);
    r.putObject("kind").put("group", "").put("version", "v1").put("kind", "Pod");
    r.putObject("resource").put("group", "").put("version", "v1").put("resource", "pods");
    r.putObject("requestKind").put("group", "").put("version", "v1").put("kind", "Pod");
    r.putObject("requestResource").put("group", "").put("version", "v1").put("resource", "pods");
    r.put("name", name);
    r.put("namespace", "apps");
    r.put("operation", "CREATE");
    ObjectNode user = r.putObject("userInfo");
    user.put("username", "system:serviceaccount:kube-system:replicaset-controller");
    user.put("uid", "4f5c2a56-8d0e-4a5e-9b7b-1f7d1e0c2b11");
    user.putArray("groups").add("system:serviceaccounts").add("system:authenticated");
    r.set("object", pod);
    r.putNull("oldObject");
    r.put("dryRun", false);
    r.putObject("options").put("apiVersion", "meta.k8s.io/v1").put("kind", "CreateOptions");

    String text = root.toString();
    int at = text.indexOf(UID_MARK);
    return new PodReview(
        List.copyOf(images),
        text.substring(0, at).getBytes(StandardCharsets.UTF_8),
        text.substring(at + UID_MARK.length()).getBytes(StandardCharsets.UTF_8));
  }

  /** The container images, in order. */
  List<String> images() {
    return images;
  }

  /** The request body with {@code uid} (no JSON escaping needed: letters, digits and dashes). */
  byte[] body(String uid) {
    byte[] id = uid.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[prefix.length + id.length + suffix.length];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(id, 0, out, prefix.length, id.length);
    System.arraycopy(suffix, 0, out, prefix.length + id.length, suffix.length);
    return out;
  }
}
