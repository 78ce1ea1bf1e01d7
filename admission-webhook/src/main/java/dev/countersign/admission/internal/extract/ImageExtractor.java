package dev.countersign.admission.internal.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds every image of an object with its field path: {@code containers}, {@code initContainers}
 * and {@code ephemeralContainers} of every pod spec the kind has.
 */
public final class ImageExtractor {
  /** The container lists of a pod spec, in the order they are reported. */
  static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");

  private final PodSpecPaths paths;

  public ImageExtractor(PodSpecPaths paths) {
    this.paths = paths;
  }

  public Extraction extract(String group, String kind, JsonNode object) {
    List<ImageField> images = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<String> found = new ArrayList<>();
    Optional<List<String>> known = paths.of(group, kind);
    List<String> pointers = known.orElse(PodSpecPaths.CONVENTIONAL);
    for (String pointer : pointers) {
      for (Located spec : resolve(object, pointer)) {
        if (!spec.node().isObject()) {
          problems.add(new Problem(spec.path().dotted(), "the pod spec is not an object"));
          continue;
        }
        if (known.isEmpty() && !hasContainers(spec.node())) {
          continue;
        }
        found.add(spec.path().pointer());
        int before = images.size();
        containers(spec, images, problems);
        if (images.size() == before && known.isPresent()) {
          // A pod spec without containers verifies nothing, and nothing verified is no pass.
          problems.add(new Problem(spec.path().dotted(), "the pod spec has no containers"));
        }
      }
      if (known.isEmpty() && !found.isEmpty()) {
        // An undescribed kind: the first conventional location that holds containers is its pod
        // spec; '/spec' of a Deployment-like object is not a second one.
        break;
      }
    }
    if (known.isPresent() && found.isEmpty() && problems.isEmpty()) {
      // A workload without its pod spec cannot be checked; admitting it unverified would fail
      // open (for a custom resource it means the configured path is wrong).
      problems.add(
          new Problem(
              "object",
              "no pod spec at "
                  + String.join(" or ", pointers)
                  + " of "
                  + (group.isEmpty() ? kind : group + "/" + kind)));
    }
    return new Extraction(images, problems, found);
  }

  private static boolean hasContainers(JsonNode spec) {
    for (String list : CONTAINER_LISTS) {
      if (spec.has(list)) {
        return true;
      }
    }
    return false;
  }

  private static void containers(Located spec, List<ImageField> images, List<Problem> problems) {
    for (String list : CONTAINER_LISTS) {
      JsonNode containers = spec.node().get(list);
      if (containers == null || containers.isNull()) {
        continue;
      }
      FieldPath listPath = spec.path().key(list);
      if (!containers.isArray()) {
        problems.add(new Problem(listPath.dotted(), "the container list is not a list"));
        continue;
      }
      for (int i = 0; i < containers.size(); i++) {
        FieldPath imagePath = listPath.index(i).key("image");
        JsonNode c = containers.get(i);
        JsonNode image = c.isObject() ? c.get("image") : null;
        Optional<String> problem = Optional.empty();
        String text = "";
        if (!c.isObject()) {
          problem = Optional.of("the container is not an object");
        } else if (image == null || image.isNull()) {
          problem = Optional.of("the container has no image");
        } else if (!image.isTextual()) {
          problem = Optional.of("the image is not a string");
        } else if (image.asText().isBlank()) {
          problem = Optional.of("the image is empty");
        } else {
          text = image.asText();
        }
        images.add(new ImageField(imagePath.dotted(), imagePath.pointer(), text, problem));
      }
    }
  }

  /** A node with its location. */
  record Located(FieldPath path, JsonNode node) {}

  /**
   * The nodes a pointer names; a {@code *} segment stands for every element of an array or every
   * value of an object. Missing segments yield nothing.
   */
  static List<Located> resolve(JsonNode root, String pointer) {
    List<Located> current = new ArrayList<>(List.of(new Located(FieldPath.ROOT, root)));
    if (pointer.isEmpty()) {
      return current;
    }
    String[] segments = pointer.substring(1).split("/", -1);
    for (String raw : segments) {
      String segment = raw.replace("~1", "/").replace("~0", "~");
      List<Located> next = new ArrayList<>();
      for (Located l : current) {
        JsonNode n = l.node();
        if (segment.equals("*")) {
          if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
              next.add(new Located(l.path().index(i), n.get(i)));
            }
          } else if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
              next.add(new Located(l.path().key(e.getKey()), e.getValue()));
            }
          }
        } else if (n.isArray() && segment.matches("0|[1-9][0-9]{0,8}")) {
          int i = Integer.parseInt(segment);
          if (i < n.size()) {
            next.add(new Located(l.path().index(i), n.get(i)));
          }
        } else if (n.isObject() && n.has(segment) && !n.get(segment).isNull()) {
          next.add(new Located(l.path().key(segment), n.get(segment)));
        }
      }
      current = next;
    }
    return current;
  }
}
