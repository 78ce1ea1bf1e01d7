package dev.countersign.admission.internal.extract;

import java.util.Objects;
import java.util.Optional;

/**
 * One image field found in an object.
 *
 * @param fieldPath e.g. {@code spec.template.spec.initContainers[1].image}
 * @param jsonPointer e.g. {@code /spec/template/spec/initContainers/1/image}
 * @param image the text of the field, empty when it is missing
 * @param problem why the field cannot be verified (missing, not a string), if it cannot
 */
public record ImageField(
    String fieldPath, String jsonPointer, String image, Optional<String> problem) {
  public ImageField {
    Objects.requireNonNull(fieldPath, "fieldPath");
    Objects.requireNonNull(jsonPointer, "jsonPointer");
    image = image == null ? "" : image;
    Objects.requireNonNull(problem, "problem");
  }
}
