package dev.countersign.admission.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields of a typed object that its Kubernetes API version does not define. The fabric8 model keeps
 * them in {@code additionalProperties} instead of failing; the API server would reject or silently
 * drop them, so a misspelt {@code readOnlyRootFilesystem} would deploy without effect.
 */
final class UnknownFields {
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private UnknownFields() {}

  /** Paths such as {@code Deployment/x: spec.template.spec.securityContext.runAsNonroot}. */
  static List<String> of(HasMetadata object) {
    List<String> found = new ArrayList<>();
    if (object instanceof GenericKubernetesResource) {
      return found; // a custom resource: every field is "additional"
    }
    walk(object, "", found);
    String prefix = object.getKind() + "/" + object.getMetadata().getName() + ": ";
    return found.stream().map(p -> prefix + p).toList();
  }

  private static void walk(Object value, String path, List<String> found) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        walk(item, path + "[" + i++ + "]", found);
      }
      return;
    }
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        walk(e.getValue(), path + "[" + e.getKey() + "]", found);
      }
      return;
    }
    if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        f.setAccessible(true);
        Object fieldValue;
        try {
          fieldValue = f.get(value);
        } catch (IllegalAccessException e) {
          throw new AssertionError("cannot read " + c.getName() + "." + f.getName(), e);
        }
        String child = path.isEmpty() ? f.getName() : path + "." + f.getName();
        if (f.getName().equals("additionalProperties")) {
          if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
            for (Object key : extra.keySet()) {
              found.add((path.isEmpty() ? "" : path + ".") + key);
            }
          }
        } else {
          walk(fieldValue, child, found);
        }
      }
    }
  }
}
